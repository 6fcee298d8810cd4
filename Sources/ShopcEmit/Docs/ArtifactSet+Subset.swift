extension ArtifactSet {
    /// The files under the top-level folder `folder` (e.g. `docs`), for commands that write one
    /// kind of artifact only.
    public func subset(folder: String) -> ArtifactSet {
        var out = ArtifactSet()
        for (path, text) in files where path.hasPrefix(folder + "/") { out.add(path, text) }
        return out
    }
}

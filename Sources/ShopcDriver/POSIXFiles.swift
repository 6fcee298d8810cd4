import ShopcBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file operations of the output writer, as plain POSIX calls: a generated tree holds tens of
/// thousands of files, and Foundation's per-file overhead (URL resource values, `Data`, atomic
/// writes with an `fsync` each) dominated writing and comparing it.
enum POSIXFiles {
    /// A failed call: the path and the errno text.
    struct Failure: Error, Sendable {
        var path: String
        var reason: String

        init(_ path: String, errno code: Int32) {
            self.path = path
            reason = POSIXFiles.describe(code)
        }
    }

    /// The reason for an errno value, worded as the rest of shopc's messages.
    static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case ENOENT: "no such file"
        case ENOSPC: "no space left on the device"
        case EROFS: "read-only file system"
        default: String(cString: strerror(code))
        }
    }

    /// The regular files and the folders under `root`, as paths relative to it (folders before
    /// what they hold). Symbolic links, devices and FIFOs are left out; links are not followed.
    static func list(_ root: String) throws(Failure) -> (files: [String], folders: [String]) {
        var files: [String] = []
        var folders: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let dir = opendir(path) else { throw Failure(path, errno: errno) }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(root + "/" + child, &info) == 0 else { throw Failure(root + "/" + child, errno: errno) }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if type == UInt8(DT_DIR) {
                    folders.append(child)
                    pending.append(child)
                } else if type == UInt8(DT_REG) {
                    files.append(child)
                }
            }
        }
        return (files, folders)
    }

    /// The bytes of a file.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(path, errno: errno) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(Int(info.st_size), 4096))
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw Failure(path, errno: errno)
            }
            if got == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<got])
        }
    }

    /// Whether the file at `path` holds exactly the UTF-8 bytes of `text` (false when it is missing).
    static func holds(_ path: String, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { expected in
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, Int(info.st_size) == expected.count else { return false }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(expected.count, 1) + 1, alignment: 16)
            defer { buffer.deallocate() }
            var count = 0
            while count <= expected.count {
                let got = Glibc.read(fd, buffer.baseAddress.map { $0 + count }, expected.count + 1 - count)
                if got < 0 { return false }
                if got == 0 { break }
                count += got
            }
            guard count == expected.count else { return false }
            guard count > 0, let actual = buffer.baseAddress, let wanted = expected.baseAddress else { return true }
            return memcmp(actual, wanted, count) == 0
        }
    }

    /// Creates `path` (which must not exist) holding the UTF-8 bytes of `text`. No `fsync`: see
    /// "Atomic output" in ARCHITECTURE.md.
    static func write(_ path: String, _ text: String) throws(Failure) {
        var text = text
        let code = text.withUTF8 { write(path, $0) }
        if code != 0 { throw Failure(path, errno: code) }
    }

    /// Creates `path` (which must not exist) holding `bytes`.
    static func write(_ path: String, bytes: [UInt8]) throws(Failure) {
        let code = bytes.withUnsafeBufferPointer { write(path, $0) }
        if code != 0 { throw Failure(path, errno: code) }
    }

    /// Creates `path` holding `bytes`; the errno of a failure, else 0.
    private static func write(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return errno }
        var done = 0
        while done < bytes.count {
            let wrote = Glibc.write(fd, bytes.baseAddress.map { $0 + done }, bytes.count - done)
            if wrote < 0 {
                if errno == EINTR { continue }
                let failure = errno
                close(fd)
                return failure
            }
            done += wrote
        }
        return close(fd) == 0 ? 0 : errno
    }

    /// Makes `to` a second name of the file `from` (a hard link); false where the file system
    /// refuses, so the caller writes a copy.
    static func link(_ from: String, _ to: String) -> Bool {
        Glibc.link(from, to) == 0
    }

    /// Creates a folder (its parent must exist).
    static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw Failure(path, errno: errno) }
    }

    /// Removes a tree (files in parallel, then the folders, deepest first); problems are ignored:
    /// this only clears staging and replaced trees.
    static func removeTree(_ root: String) {
        guard let (files, folders) = try? list(root) else {
            unlink(root)
            return
        }
        _ = Parallel.map(folderBatches(files)) { batch in
            for file in batch { unlink(root + "/" + file) }
        }
        // Anything `list` leaves out (links, FIFOs) goes too, before its folder.
        for folder in ([""] + folders).reversed() {
            let path = folder.isEmpty ? root : root + "/" + folder
            if rmdir(path) != 0, let dir = opendir(path) {
                while let entry = readdir(dir) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    if name != "." && name != ".." { unlink(path + "/" + name) }
                }
                closedir(dir)
                rmdir(path)
            }
        }
    }

    /// `items` cut into about `count` runs of consecutive items, for parallel loops whose items
    /// are too small to schedule one by one.
    static func chunks<T>(_ items: [T], count: Int) -> [ArraySlice<T>] {
        let size = max(1, (items.count + count - 1) / count)
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// Relative paths in batches for a parallel loop that creates or deletes them: each batch
    /// holds files of one folder, and consecutive batches come from different folders (the
    /// biggest folders first, taken in turn), so the threads running side by side mostly work in
    /// different folders. The kernel serialises the entries of one folder under its lock: two
    /// threads creating files in one folder spin on it, and measured 30% more wall time and 50%
    /// more kernel time than the same two threads each in a folder of its own.
    static func folderBatches(_ paths: [String], size: Int = 32) -> [[String]] {
        var byFolder: [Substring: [String]] = [:]
        var order: [Substring] = []
        for path in paths {
            let folder = path.lastIndex(of: "/").map { path[..<$0] } ?? ""
            if byFolder[folder] == nil { order.append(folder) }
            byFolder[folder, default: []].append(path)
        }
        // Biggest first; ties in first-seen order, so the batches are the same on every run.
        let folders = order.enumerated().sorted { a, b in
            let (x, y) = (byFolder[a.element]?.count ?? 0, byFolder[b.element]?.count ?? 0)
            return x != y ? x > y : a.offset < b.offset
        }.map { byFolder[$0.element] ?? [] }
        var batches: [[String]] = []
        var next = Array(repeating: 0, count: folders.count)
        var left = folders.count
        while left > 0 {
            left = 0
            for (i, files) in folders.enumerated() where next[i] < files.count {
                let end = min(next[i] + size, files.count)
                batches.append(Array(files[next[i]..<end]))
                next[i] = end
                if end < files.count { left += 1 }
            }
        }
        return batches
    }
}

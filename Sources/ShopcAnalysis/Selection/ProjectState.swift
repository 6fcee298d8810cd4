/// What an earlier compile recorded in its `manifest.json`, for `state:` selectors and
/// `shopc diff`. Read from disk by the driver; compared here.
public struct ProjectState: Sendable, Equatable {
    /// A model as recorded.
    public struct Model: Sendable, Equatable {
        public var name: String
        public var checksum: String?
        /// Declared columns: name and type (nil when undeclared).
        public var columns: [Column]
        /// Names of the models it read.
        public var dependsOn: [String]

        public init(name: String, checksum: String?, columns: [Column], dependsOn: [String]) {
            self.name = name
            self.checksum = checksum
            self.columns = columns
            self.dependsOn = dependsOn
        }
    }

    /// A recorded column.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: String?

        public init(name: String, type: String?) {
            self.name = name
            self.type = type
        }
    }

    /// Models by name.
    public var models: [String: Model]

    public init(models: [String: Model]) {
        self.models = models
    }
}

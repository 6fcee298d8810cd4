import ShopcSpec

/// The JSON Schema of spec files, for `shopc schema` (the executable does not depend on the
/// spec module directly).
public enum SpecSchemaExport {
    /// The schema document (draft-07), byte-stable.
    public static func document() -> String { SpecJSONSchema.document() }
}

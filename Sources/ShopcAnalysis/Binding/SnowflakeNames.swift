import ShopcSpec

/// Questions about Snowflake names that the spec's identifier rules answer.
enum SnowflakeNames {
    /// Whether `name` (a resolved name) is what an unquoted identifier resolves to: a valid
    /// unquoted identifier, already upper case, not a reserved word.
    static func resolvesUnquoted(_ name: String) -> Bool {
        Identifier.isValid(name) && name == name.uppercased() && !ReservedWords.all.contains(name)
    }
}

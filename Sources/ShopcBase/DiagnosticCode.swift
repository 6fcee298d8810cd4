/// Every diagnostic code shopc can report, declared in this one place. Codes are stable: a code
/// is never renumbered or reused for a different problem. `shopc explain CODE` prints `summary`
/// and `explanation`.
///
/// Ranges: 0xxx input/output, 1xxx spec shape, 2xxx templating and macros, 3xxx graph,
/// 4xxx SQL analysis, 5xxx ingestion and platform, 6xxx data tests, 7xxx delivery (workflows,
/// selectors, state).
public enum DiagnosticCode: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    // MARK: Input and output
    case fileUnreadable = "SHP0001"
    case outputUnwritable = "SHP0002"
    case outputNotOwned = "SHP0003"
    case noSpecs = "SHP0004"
    case invalidEncoding = "SHP0005"
    case inputTooLarge = "SHP0006"

    // MARK: Spec shape
    case yamlSyntax = "SHP1001"
    case unknownKey = "SHP1002"
    case wrongType = "SHP1003"
    case missingField = "SHP1004"
    case duplicateKey = "SHP1005"
    case invalidValue = "SHP1006"
    case duplicateName = "SHP1007"
    case pathOutsideProject = "SHP1008"
    case sqlFileMissing = "SHP1009"
    case sqlSourceConflict = "SHP1010"
    case projectMissing = "SHP1011"
    case invalidIdentifier = "SHP1012"
    case unknownTarget = "SHP1013"
    case invalidSQLType = "SHP1014"
    case yamlAlias = "SHP1015"

    // MARK: Templating and macros
    case templateSyntax = "SHP2001"
    case undefinedName = "SHP2002"
    case unknownFilter = "SHP2003"
    case templateTypeError = "SHP2004"
    case unknownMacro = "SHP2005"
    case macroArity = "SHP2006"
    case unknownKeywordArgument = "SHP2007"
    case expansionLimit = "SHP2008"
    case macroArgumentType = "SHP2009"
    case builtinMisuse = "SHP2010"
    case undefinedVar = "SHP2011"
    case unknownVarOverride = "SHP2012"

    // MARK: Graph
    case unknownRef = "SHP3001"
    case unknownSource = "SHP3002"
    case unknownSourceTable = "SHP3003"
    case cycle = "SHP3004"
    case layerViolation = "SHP3005"
    case unknownLayer = "SHP3006"
    case unknownColumn = "SHP3007"
    case unknownTest = "SHP3008"
    case invalidTestArguments = "SHP3009"
    case emptyModel = "SHP3010"
    case relationCollision = "SHP3011"
    case relationNotReferenced = "SHP3012"

    // MARK: SQL analysis
    case sqlSyntax = "SHP4001"
    case unresolvedColumn = "SHP4002"
    case ambiguousColumn = "SHP4003"
    case unknownQualifier = "SHP4004"
    case incomparableTypes = "SHP4005"
    case invalidOperands = "SHP4006"
    case nonBooleanCondition = "SHP4007"
    case branchTypeMismatch = "SHP4008"
    case functionArgumentType = "SHP4009"
    case functionArity = "SHP4010"
    case unknownFunction = "SHP4011"
    case joinKeyType = "SHP4012"
    case setOperationColumnCount = "SHP4013"
    case setOperationType = "SHP4014"
    case invalidOrdinal = "SHP4015"
    case contractMissingColumn = "SHP4016"
    case contractExtraColumn = "SHP4017"
    case contractTypeMismatch = "SHP4018"
    case macroArgumentColumn = "SHP4019"
    case macroArgumentSQLType = "SHP4020"
    case macroReturnType = "SHP4021"
    case windowWithoutOver = "SHP4022"
    case duplicateOutputColumn = "SHP4023"
    case wildcardColumn = "SHP4024"
    case columnListCount = "SHP4025"
    case aggregateNotAllowed = "SHP4026"
    case notGrouped = "SHP4027"
    case rowCount = "SHP4028"
    case outerAggregate = "SHP4029"

    // MARK: Ingestion and platform
    case unknownOption = "SHP5001"
    case invalidOptionValue = "SHP5002"
    case conflictingOptions = "SHP5003"
    case stageLocation = "SHP5004"
    case unknownPlatformObject = "SHP5005"
    case maskingTypeMismatch = "SHP5006"
    case columnMapping = "SHP5007"
    case unsafeValue = "SHP5008"
    case literalSecret = "SHP5009"
    case unmaskedPersonalData = "SHP5010"
    // MARK: Data tests
    case invalidTestThreshold = "SHP6001"
    case testColumnType = "SHP6002"
    case relationshipTypeMismatch = "SHP6003"
    case acceptedValueType = "SHP6004"

    // MARK: Delivery, selection and state
    case unpinnedAction = "SHP7001"
    case invalidCron = "SHP7002"
    case invalidSecretName = "SHP7003"
    case invalidSelector = "SHP7004"
    case stateUnreadable = "SHP7005"
    case selectsNothing = "SHP7006"

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Looks a code up by its text, case-insensitively (`shp1002` works).
    public init?(text: String) {
        self.init(rawValue: text.uppercased())
    }
}

import SQLite

/// The BigQuery function pack: registers every function of `FunctionCatalog` on a connection.
public enum BigQueryFunctions {
    /// Registers all `bq_*` functions on `database` (deterministic except the CURRENT_* ones).
    public static func register(on database: Database) throws {
        let registrar = Registrar(database: database)
        try registrar.registerDateTime()
        try registrar.registerMath()
        try registrar.registerStrings()
        try registrar.registerConversions()
        try registrar.registerArraysAndIntervals()
        try registrar.registerAggregates()
        try registrar.registerConstructs()
    }
}

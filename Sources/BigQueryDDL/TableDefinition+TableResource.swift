import FoundationEssentials

extension TableDefinition {
    /// The table as BigQuery's table-resource JSON, as kept in `Schema/<table>.json`.
    ///
    /// The output is deterministic: pretty-printed with two-space indentation and a trailing
    /// newline, keys in the order `tableReference` (`projectId` when known, `datasetId` when known,
    /// `tableId`), `description`, `labels` (sorted by key), `schema.fields` (`name`, `type` as the
    /// legacy name, `mode`, `description`), `timePartitioning` (`type`, `field`, `expirationMs`),
    /// `requirePartitionFilter`, `clustering.fields`, `tableConstraints.primaryKey.columns`;
    /// members without a value are left out.
    ///
    /// `requirePartitionFilter` is written on the table, not inside `timePartitioning`, where the
    /// BigQuery API has deprecated it; ``init(tableResourceJSON:source:)`` reads both places.
    ///
    /// - Parameter project: The project to name in `tableReference`; defaults to the reference's own.
    public func tableResourceJSON(project: String? = nil) -> String {
        var tableReference: [(String, JSONValue)] = []
        if let projectId = project ?? reference.project { tableReference.append(("projectId", .string(projectId))) }
        if let dataset = reference.dataset { tableReference.append(("datasetId", .string(dataset))) }
        tableReference.append(("tableId", .string(reference.table)))

        var members: [(String, JSONValue)] = [("tableReference", .object(tableReference))]
        if let description { members.append(("description", .string(description))) }
        if !labels.isEmpty {
            let sorted = labels.sorted { $0.key < $1.key }
            members.append(("labels", .object(sorted.map { ($0.key, .string($0.value)) })))
        }
        let fields = columns.map { column -> JSONValue in
            var field: [(String, JSONValue)] = [
                ("name", .string(column.name)), ("type", .string(column.type.legacyName)),
                ("mode", .string(column.mode)),
            ]
            if let description = column.description { field.append(("description", .string(description))) }
            return .object(field)
        }
        members.append(("schema", .object([("fields", .array(fields))])))
        if let partitionColumn {
            var partitioning: [(String, JSONValue)] = [
                ("type", .string((partitionGranularity ?? .day).rawValue)), ("field", .string(partitionColumn)),
            ]
            if let partitionExpirationMs {
                partitioning.append(("expirationMs", .string(String(partitionExpirationMs))))
            }
            members.append(("timePartitioning", .object(partitioning)))
        }
        if requirePartitionFilter { members.append(("requirePartitionFilter", .bool(true))) }
        if !clusterColumns.isEmpty {
            members.append(("clustering", .object([("fields", .array(clusterColumns.map { .string($0) }))])))
        }
        if !primaryKey.isEmpty {
            let key: JSONValue = .object([("columns", .array(primaryKey.map { .string($0) }))])
            members.append(("tableConstraints", .object([("primaryKey", key)])))
        }
        return JSONValue.object(members).prettyPrinted()
    }

    /// Reads a table from BigQuery's table-resource JSON, such as a `Schema/<table>.json` file or the
    /// answer of the API's `tables.get`, and checks it as ``Catalog`` checks a `CREATE TABLE`.
    ///
    /// Members bmrs does not model and that do not change the table's shape (`etag`, `numRows`,
    /// `creationTime`, ...) are ignored. Nested or repeated fields, field parameters (`maxLength`,
    /// `precision`, ...), non-daily or ingestion-time partitioning, range partitioning, views,
    /// external tables and foreign keys are ``DDLError/Code/invalidTableResource`` errors.
    ///
    /// - Parameters:
    ///   - tableResourceJSON: The JSON document.
    ///   - source: What the document is (a file name), used in errors.
    public init(tableResourceJSON: String, source: String = "table resource") throws(DDLError) {
        let reader = TableResourceReader(source: source)
        let root = try reader.parse(tableResourceJSON)
        for unsupported in ["rangePartitioning", "view", "materializedView", "externalDataConfiguration"]
        where root[unsupported] != nil {
            throw reader.invalid("'\(unsupported)' is not supported by bmrs")
        }

        let referenceObject = try reader.object(root, "tableReference") ?? [:]
        guard let tableId = try reader.string(referenceObject, "tableId") else {
            throw reader.invalid("'tableReference.tableId' is missing")
        }
        let reference = TableReference(
            project: try reader.string(referenceObject, "projectId"),
            dataset: try reader.string(referenceObject, "datasetId"), table: tableId)

        var columns: [ColumnDefinition] = []
        let schema = try reader.object(root, "schema") ?? [:]
        for (offset, element) in (try reader.array(schema, "fields") ?? []).enumerated() {
            columns.append(try reader.column(element, at: offset))
        }

        var table = TableDefinition(reference: reference, columns: columns)
        table.description = try reader.string(root, "description")
        if let labels = try reader.object(root, "labels") {
            for (key, value) in labels {
                guard case .string(let text) = value else { throw reader.invalid("label '\(key)' is not a string") }
                table.labels[key] = text
            }
        }
        if let partitioning = try reader.object(root, "timePartitioning") {
            let type = try reader.string(partitioning, "type") ?? PartitionGranularity.day.rawValue
            guard let granularity = PartitionGranularity(rawValue: type) else {
                throw reader.invalid("timePartitioning.type '\(type)' is not supported; bmrs partitions by DAY")
            }
            guard let field = try reader.string(partitioning, "field") else {
                throw reader.invalid("timePartitioning without 'field' (ingestion-time partitioning) is not supported")
            }
            table.partitionColumn = field
            table.partitionGranularity = granularity
            table.partitionExpirationMs = try reader.int64(partitioning, "expirationMs")
            table.requirePartitionFilter = try reader.bool(partitioning, "requirePartitionFilter") ?? false
        }
        if let required = try reader.bool(root, "requirePartitionFilter") {
            table.requirePartitionFilter = required
        }
        if let clustering = try reader.object(root, "clustering") {
            table.clusterColumns = try reader.strings(clustering, "fields")
        }
        if let constraints = try reader.object(root, "tableConstraints") {
            if constraints["foreignKeys"] != nil { throw reader.invalid("foreign keys are not supported by bmrs") }
            if let primaryKey = try reader.object(constraints, "primaryKey") {
                table.primaryKey = try reader.strings(primaryKey, "columns")
            }
        }
        self = try table.validated(at: reader.position)
    }
}

import BigQueryDDL

extension SyncRunner {
    /// A load job's configuration: NDJSON into `table` (a staging table or a `table$YYYYMMDD` decorator),
    /// `CREATE_NEVER` so that nothing (an emulator least of all) creates a table by accident.
    func loadConfiguration(table: String, truncate: Bool) -> String {
        "{\"load\":{\"destinationTable\":{\"projectId\":\(jsonString(options.project)),\"datasetId\":"
            + "\(jsonString(options.dataset)),\"tableId\":\(jsonString(table))},"
            + "\"sourceFormat\":\"NEWLINE_DELIMITED_JSON\",\"writeDisposition\":\""
            + (truncate ? "WRITE_TRUNCATE" : "WRITE_APPEND") + "\",\"createDisposition\":\"CREATE_NEVER\"}}"
    }

    /// Creates the batch's staging table (the target's columns, no partitioning), expiring after
    /// `stagingLifetimeMs`; an existing one (an earlier run's) is kept.
    func createStaging(_ batch: SyncBatch) throws(SyncError) {
        var definition = try RemoteSchema(client: client, options: options, source: source).localDefinition(
            batch.table)
        definition.reference = TableReference(
            project: options.project, dataset: options.dataset, table: batch.stagingTable)
        definition.partitionColumn = nil
        definition.partitionGranularity = nil
        definition.partitionExpirationMs = nil
        definition.requirePartitionFilter = false
        definition.clusterColumns = []
        definition.primaryKey = []
        definition.description = "bmrs sync staging for \(batch.table) \(batch.range); expires by itself"
        let expiration = now() / 1_000 + stagingLifetimeMs
        var resource = definition.tableResourceJSON()
        if let brace = resource.firstIndex(of: "{") {
            resource.replaceSubrange(brace...brace, with: "{\"expirationTime\":\"\(expiration)\",")
        }
        try client.insertTable(dataset: options.dataset, resourceJSON: resource)
    }

    /// One statement that replaces exactly the batch's days of the target with the staging rows, atomically:
    /// `ON FALSE` makes every staging row an insert and every target row of those days a delete.
    func mergeSQL(_ batch: SyncBatch) throws(SyncError) -> String {
        let definition = try RemoteSchema(client: client, options: options, source: source).localDefinition(
            batch.table)
        guard let column = definition.partitionColumn else {
            throw SyncError(.usage, "\(batch.table) is not partitioned by day; bmrs syncs day partitions only")
        }
        let days = batch.partitions.map { "DATE '\($0.date)'" }.joined(separator: ", ")
        return """
            MERGE `\(options.project).\(options.dataset).\(batch.table)` T
            USING `\(options.project).\(options.dataset).\(batch.stagingTable)` S
            ON FALSE
            WHEN NOT MATCHED BY TARGET THEN INSERT ROW
            WHEN NOT MATCHED BY SOURCE AND T.`\(column)` IN (\(days)) THEN DELETE
            """
    }
}

extension BigQueryClient {
    /// `jobs.get` that answers nil for a job that does not exist (404).
    public func findJob(id jobID: String) throws(SyncError) -> BigQueryJob? {
        var url = endpoint.api(project) + "/jobs/" + percentEncoded(jobID)
        if location != nil { url += "?" + locationQuery }
        let response = try call("GET", url, accepting: [404])
        if response.status == 404 { return nil }
        return try decodeJob(response.body, context: jobID)
    }
}

import CSQLite

extension IndexInfo {
    /// One term of the ORDER BY (or GROUP BY, DISTINCT) SQLite would like the rows in.
    public struct OrderTerm: Sendable, Equatable {
        /// The 0-based column (-1 for rowid).
        public let column: Int32
        /// True for descending order.
        public let descending: Bool
    }

    /// What SQLite needs of the row order, from `sqlite3_vtab_distinct`.
    public enum OrderNeed: Sendable, Equatable {
        /// Rows in exactly the ORDER BY's order (0).
        case ordered
        /// Only rows equal in every term adjacent, in any order (1, a GROUP BY).
        case grouped
        /// Something else (2 or 3, DISTINCT); left to SQLite here.
        case other
    }

    /// The terms SQLite passes; empty when the ORDER BY is not only columns of this table.
    public var orderBy: [OrderTerm] {
        (0..<info.pointee.nOrderBy).map { i in
            let term = info.pointee.aOrderBy[Int(i)]
            return OrderTerm(column: term.iColumn, descending: term.desc != 0)
        }
    }

    /// "sqlite3_vtab_distinct(P) … 0: the ORDER BY must be honored; 1: rows with the same values in the
    /// ORDER BY columns must be adjacent (a GROUP BY); 2 and 3: DISTINCT".
    public var orderNeed: OrderNeed {
        switch sqlite3_vtab_distinct(info) {
        case 0: return .ordered
        case 1: return .grouped
        default: return .other
        }
    }

    /// Tells SQLite the cursor delivers rows as `orderBy` and `orderNeed` ask, so it need not sort them.
    public var orderByConsumed: Bool {
        get { info.pointee.orderByConsumed != 0 }
        set { info.pointee.orderByConsumed = newValue ? 1 : 0 }
    }
}

extension Parser {
    /// The argument list and suffixes (`WITHIN GROUP`, `IGNORE NULLS`, `OVER`) of a call whose
    /// name has been consumed; the current token is `(`.
    mutating func parseFunctionCall(name: QualifiedName, start: Int) throws(SQLSyntaxError) -> FunctionCall {
        try expect(.leftParen, "'('")
        var call = FunctionCall(name: name)
        if check(.star) && peek().kind == .rightParen {
            advance()
            call.star = true
        } else if !check(.rightParen) {
            if accept(.distinct) {
                call.distinct = true
            } else if check(.all) && peek().kind != .rightParen && peek().kind != .comma {
                advance()
            }
            if name.parts.count == 1, let only = name.parts.first, !only.quoted, only.normalized == "POSITION" {
                // POSITION(x IN y) is POSITION(x, y).
                let needle = try parseExpr(Precedence.comparison)
                call.arguments.append(FunctionArgument(value: needle))
                if accept(.in) || accept(.comma) {
                    call.arguments.append(try parseFunctionArgument())
                }
            }
            if call.arguments.isEmpty || accept(.comma) {
                repeat {
                    call.arguments.append(try parseFunctionArgument())
                } while accept(.comma)
            }
            if let treatment = try parseNullTreatment() { call.nullTreatment = treatment }
        }
        try expect(.rightParen, "')' to close argument list of \(name.description.uppercased())")
        if check(.within) && peek().keyword == .group {
            advance()
            advance()
            try expect(.leftParen, "'(' after WITHIN GROUP")
            try expect(.order, "in WITHIN GROUP")
            try expect(.by, "after ORDER")
            call.withinGroup = try parseOrderItems()
            try expect(.rightParen, "')'")
        }
        if let treatment = try parseNullTreatment() { call.nullTreatment = treatment }
        if accept(.over) { call.over = try parseWindowSpec() }
        call.range = range(from: start)
        return call
    }

    private mutating func parseFunctionArgument() throws(SQLSyntaxError) -> FunctionArgument {
        if atAnyName && peek().kind == .namedArrow {
            let name = takeIdentifier()
            advance()
            return FunctionArgument(name: name, value: try parseExpr())
        }
        return FunctionArgument(value: try parseExpr())
    }

    private mutating func parseNullTreatment() throws(SQLSyntaxError) -> NullTreatment? {
        guard (check(.ignore) || check(.respect)) && peek().keyword == .nulls else { return nil }
        let treatment: NullTreatment = check(.ignore) ? .ignore : .respect
        advance()
        advance()
        return treatment
    }

    /// `( [PARTITION BY …] [ORDER BY …] [frame] )` after `OVER`.
    private mutating func parseWindowSpec() throws(SQLSyntaxError) -> WindowSpec {
        try expect(.leftParen, "'(' after OVER")
        var spec = WindowSpec()
        if accept(.partition) {
            try expect(.by, "after PARTITION")
            spec.partitionBy = try parseExprList()
        }
        if accept(.order) {
            try expect(.by, "after ORDER")
            spec.orderBy = try parseOrderItems()
        }
        if check(.rows) || check(.range) {
            let unit: WindowFrame.Unit = check(.rows) ? .rows : .range
            advance()
            if accept(.between) {
                let startBound = try parseFrameBound()
                try expect(.and, "between window frame bounds")
                spec.frame = WindowFrame(unit: unit, start: startBound, end: try parseFrameBound())
            } else {
                spec.frame = WindowFrame(unit: unit, start: try parseFrameBound())
            }
        }
        try expect(.rightParen, "')' to close window specification")
        return spec
    }

    private mutating func parseFrameBound() throws(SQLSyntaxError) -> FrameBound {
        if accept(.unbounded) {
            if accept(.preceding) { return .unboundedPreceding }
            if accept(.following) { return .unboundedFollowing }
            throw expected("PRECEDING or FOLLOWING after UNBOUNDED")
        }
        if accept(.current) {
            try expect(.row, "after CURRENT")
            return .currentRow
        }
        let offset = try parseExpr(Precedence.comparison)
        if accept(.preceding) { return .preceding(offset) }
        if accept(.following) { return .following(offset) }
        throw expected("PRECEDING or FOLLOWING")
    }

    /// A data type name with optional integer parameters.
    mutating func parseDataType() throws(SQLSyntaxError) -> DataType {
        let start = current.start
        guard current.kind == .word else { throw expected("data type") }
        var name = asciiUppercased(text(of: current))
        advance()
        if name == "DOUBLE" && accept(.precision) {
            name = "DOUBLE PRECISION"
        } else if name == "CHARACTER", check(.word), asciiUppercased(text(of: current)) == "VARYING" {
            advance()
            name = "CHARACTER VARYING"
        }
        var parameters: [Int] = []
        if accept(.leftParen) {
            repeat {
                parameters.append(try parseInteger("integer type parameter"))
            } while accept(.comma)
            try expect(.rightParen, "')' after type parameters")
        }
        return DataType(name, parameters: parameters, range: range(from: start))
    }
}

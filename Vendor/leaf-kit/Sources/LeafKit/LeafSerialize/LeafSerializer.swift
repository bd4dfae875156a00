import NIOCore

struct LeafSerializer {
    // MARK: - Internal Only
    
    init(
        ast: [Syntax],
        tags: [String: any LeafTag] = defaultTags,
        userInfo: [AnyHashable: Any] = [:],
        ignoreUnfoundImports: Bool
        
    ) {
        self.ast = ast
        self.offset = 0
        self.buffer = ByteBufferAllocator().buffer(capacity: 0)
        self.tags = tags
        self.userInfo = userInfo
        self.ignoreUnfoundImports = ignoreUnfoundImports
    }
    
    mutating func serialize(
        context data: [String: LeafData]
    ) throws -> ByteBuffer {
        self.offset = 0
        while let next = self.peek() {
            self.pop()
            try self.serialize(next, context: data)
        }
        return self.buffer
    }
    
    // MARK: - Private Only
    
    private let ast: [Syntax]
    private var offset: Int
    private var buffer: ByteBuffer
    private let tags: [String: any LeafTag]
    private let userInfo: [AnyHashable: Any]
    private let ignoreUnfoundImports: Bool

    private mutating func serialize(_ syntax: Syntax, context data: [String: LeafData]) throws {
        switch syntax {
            case .raw(var byteBuffer): self.buffer.writeBuffer(&byteBuffer)
            case .custom(let custom):  try self.serialize(custom, context: data)
            case .conditional(let c):  try self.serialize(c, context: data)
            case .loop(let loop):      try self.serialize(loop, context: data)
            case .with(let with):      try self.serialize(with, context: data)
            case .expression(let exp): try self.serialize(expression: exp, context: data)
            case .import:
                if (self.ignoreUnfoundImports) {
                    break
                } else {
                    fallthrough
                }
            case .extend, .export:
                throw LeafError(.unknownError("\(syntax) should have been resolved BEFORE serialization"))
        }
    }

    private mutating func serialize(expression: [ParameterDeclaration], context data: [String: LeafData]) throws {
        let leafData: LeafData
        if let variable = Self.variable(expression) {
            // Điển Hình patch: `#(name)`, the most common expression, looked up without a resolver.
            leafData = data[keyPath: variable] ?? .trueNil
        } else {
            let resolved = try self.resolve(parameters: [.expression(expression)], context: data)
            guard resolved.count == 1, let first = resolved.first else {
                throw LeafError(.unknownError("expressions should resolve to single value"))
            }
            leafData = first
        }
        if LeafConfiguration.writesStringsAsUTF8 {
            // Điển Hình patch: a string is escaped straight into the buffer, and any other value that escapes to a
            // string (a number, a boolean) is written as that string: what `htmlEscaped()` then `serialize` write
            // with the default formatter and encoding, without the copy, Foundation's conversion and the two locks.
            if case .string(let string) = leafData.storage {
                self.buffer.writeHTMLEscaped(string)
                return
            }
            let escaped = leafData.htmlEscaped()
            if case .string(let string) = escaped.storage {
                self.buffer.writeString(string)
                return
            }
            try? escaped.serialize(buffer: &self.buffer)
            return
        }
        try? leafData.htmlEscaped().serialize(buffer: &self.buffer)
    }

    /// Điển Hình patch: the variable's name when an expression is a single variable (`name`, `row.name`), else nil.
    private static func variable(_ expression: [ParameterDeclaration]) -> String? {
        guard expression.count == 1 else {
            return nil
        }
        switch expression[0] {
        case .parameter(.variable(let name)): return name
        case .expression(let inner): return Self.variable(inner)
        default: return nil
        }
    }

    private mutating func serialize(body: [Syntax], context data: [String: LeafData]) throws {
        try body.forEach { try self.serialize($0, context: data) }
    }

    private mutating func serialize(_ conditional: Syntax.Conditional, context data: [String: LeafData]) throws {
        evaluate:
        for block in conditional.chain {
            let evaluated = try self.resolveAtomic(block.condition.expression(), context: data)
            guard (evaluated.bool ?? false) || (!evaluated.isNil && evaluated.celf != .bool) else {
                continue
            }
            try self.serialize(body: block.body, context: data)
            break evaluate
        }
    }

    private mutating func serialize(_ tag: Syntax.CustomTagDeclaration, context data: [String: LeafData]) throws {
        let sub = try LeafContext(
            parameters: self.resolve(parameters: tag.params, context: data),
            data: data,
            body: tag.body,
            userInfo: self.userInfo
        )

        guard let foundTag = self.tags[tag.name] else {
            try? LeafData("#\(tag.name)").serialize(buffer: &self.buffer)
            return
        }

        let leafData: LeafData

        if foundTag is any UnsafeUnescapedLeafTag {
            leafData = try foundTag.render(sub)
        } else {
            leafData = try foundTag.render(sub).htmlEscaped()
        }
        // Điển Hình patch: a tag's string (`#unsafeHTML(rows.html)`, a page's whole table) written as it is, as for
        // an expression (`serialize(expression:)`), not through Foundation's conversion of the encoding.
        if LeafConfiguration.writesStringsAsUTF8, case .string(let string) = leafData.storage {
            self.buffer.writeString(string)
            return
        }

        try? leafData.serialize(buffer: &self.buffer)
    }

    private mutating func serialize(_ with: Syntax.With, context data: [String: LeafData]) throws {
        let resolved = try self.resolve(parameters: [.expression(with.context)], context: data)
        guard resolved.count == 1,
            let dict = resolved[0].dictionary
        else {
            throw LeafError(.unknownError("expressions should resolve to a single dictionary value"))
        }

        try? self.serialize(body: with.body, context: dict)
    }

    private mutating func serialize(_ loop: Syntax.Loop, context data: [String: LeafData]) throws {
        let finalData: [String: LeafData]
        let pathComponents = loop.array.split(separator: ".")

        if pathComponents.count > 1 {
            finalData = try pathComponents[0..<(pathComponents.count - 1)].enumerated()
                .reduce(data) { (innerData, pathContext) -> [String: LeafData] in
                    let key = String(pathContext.element)

                    guard let nextData = innerData[key]?.dictionary else {
                        let currentPath = pathComponents[0...pathContext.offset].joined(separator: ".")
                        throw LeafError(.unknownError("expected dictionary at key: \(currentPath)"))
                    }

                    return nextData
                }
        } else {
            finalData = data
        }

        guard let array = finalData[String(pathComponents.last!)]?.array else {
            throw LeafError(.unknownError("expected array at key: \(loop.array)"))
        }

        // Điển Hình patch: one copy of the context for the whole loop, made with room for the loop's four names and
        // changed in place for each item (upstream copied the page's whole context for every item: every option of
        // a select, every row of a table).
        var innerContext = data
        innerContext.reserveCapacity(data.count + 4)
        for (idx, item) in array.enumerated() {
            innerContext["isFirst"] = .bool(idx == array.startIndex)
            innerContext["isLast"] = .bool(idx == array.index(before: array.endIndex))
            innerContext[loop.index] = .int(idx)
            innerContext[loop.item] = item

            // Điển Hình patch: the body is written straight into this buffer (upstream made a serializer and a
            // buffer of its own for every item, then copied it in). An item that fails leaves nothing behind, as
            // upstream's own buffer did: what it wrote is taken back before the error goes on (it shows where an
            // error is swallowed, as `#with` does).
            let mark = self.buffer.writerIndex
            do {
                try self.serialize(body: loop.body, context: innerContext)
            } catch {
                self.buffer.moveWriterIndex(to: mark)
                throw error
            }
        }
    }

    private func resolve(parameters: [ParameterDeclaration], context data: [String: LeafData]) throws -> [LeafData] {
        let resolver = ParameterResolver(
            params: parameters,
            data: data,
            tags: self.tags,
            userInfo: self.userInfo
        )
        return try resolver.resolve().map { $0.result }
    }
    
    // Directive resolver for a [ParameterDeclaration] where only one parameter is allowed that must resolve to a single value
    private func resolveAtomic(_ parameters: [ParameterDeclaration], context data: [String: LeafData]) throws -> LeafData {
        guard parameters.count == 1 else {
            if parameters.isEmpty {
                throw LeafError(.unknownError("Parameter statement can't be empty"))
            } else {
                throw LeafError(.unknownError("Parameter statement must hold a single value"))
            }
        }
        if let variable = Self.variable(parameters) {
            // Điển Hình patch: `#if(name)` looked up without a resolver.
            return data[keyPath: variable] ?? .trueNil
        }
        return try self.resolve(parameters: parameters, context: data).first ?? .trueNil
    }

    private func peek() -> Syntax? {
        guard self.offset < self.ast.count else {
            return nil
        }
        return self.ast[self.offset]
    }

    private mutating func pop() {
        self.offset += 1
    }
}

import Yams

/// A parsed YAML node with its position: what configuration, front matter and chart specs need
/// of one, whichever reader (`FlatYAML` or Yams) produced it.
indirect enum YAMLNode: Sendable {
    /// A line and column, both from 1, as Yams reports them.
    struct Position: Sendable, Equatable {
        var line: Int
        var column: Int
    }

    case scalar(String, plain: Bool, Position?)
    case mapping([(YAMLNode, YAMLNode)], Position?)
    case sequence([YAMLNode], Position?)
    case alias(Position?)

    var position: Position? {
        switch self {
        case let .scalar(_, _, p), let .mapping(_, p), let .sequence(_, p), let .alias(p): return p
        }
    }

    /// How many nodes (and scalar bytes) one YAML text may expand to. Aliases let ten lines stand
    /// for a billion nodes ("billion laughs"); no configuration, front matter or chart spec needs
    /// more than a few thousand.
    static let maxNodes = 200_000
    static let maxScalarBytes = 32 << 20

    /// What is left of the limits while a tree is converted.
    struct Budget {
        var nodes = YAMLNode.maxNodes
        var bytes = YAMLNode.maxScalarBytes
    }

    /// The same tree as Yams parsed it, with aliases expanded; nil when that passes the budget.
    init?(_ node: Node, budget: inout Budget) {
        budget.nodes -= 1
        guard budget.nodes >= 0 else { return nil }
        let position = node.mark.map { Position(line: $0.line, column: $0.column) }
        switch node {
        case let .scalar(scalar):
            budget.bytes -= scalar.string.utf8.count
            guard budget.bytes >= 0 else { return nil }
            self = .scalar(scalar.string, plain: scalar.style == .plain, position)
        case let .mapping(mapping):
            var pairs: [(YAMLNode, YAMLNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard let k = YAMLNode(key, budget: &budget), let v = YAMLNode(value, budget: &budget) else { return nil }
                pairs.append((k, v))
            }
            self = .mapping(pairs, position)
        case let .sequence(sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                guard let converted = YAMLNode(item, budget: &budget) else { return nil }
                items.append(converted)
            }
            self = .sequence(items, position)
        case .alias: self = .alias(position)
        }
    }
}

extension YAMLNode: Equatable {
    static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        switch (a, b) {
        case let (.scalar(s1, p1, m1), .scalar(s2, p2, m2)): return s1 == s2 && p1 == p2 && m1 == m2
        case let (.mapping(e1, m1), .mapping(e2, m2)):
            return m1 == m2 && e1.count == e2.count && zip(e1, e2).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.sequence(e1, m1), .sequence(e2, m2)): return m1 == m2 && e1 == e2
        case let (.alias(m1), .alias(m2)): return m1 == m2
        default: return false
        }
    }
}

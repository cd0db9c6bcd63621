/// Maps values in a domain to pixel positions in a range, linearly.
public struct LinearScale: Sendable {
    public var domain: (Double, Double)
    public var range: (Double, Double)

    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }

    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0 else { return (range.0 + range.1) / 2 }
        return range.0 + (value - domain.0) / span * (range.1 - range.0)
    }

    /// The value at a pixel position: the inverse mapping, for finding the data under a label.
    public func invert(_ pixel: Double) -> Double {
        let span = range.1 - range.0
        guard span != 0 else { return (domain.0 + domain.1) / 2 }
        return domain.0 + (pixel - range.0) / span * (domain.1 - domain.0)
    }
}

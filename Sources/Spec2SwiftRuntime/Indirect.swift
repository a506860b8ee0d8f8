/// A value stored out of line, so that a struct can hold a property of its own type
/// (`parent: Node?`). Generated code keeps it private and exposes the plain value.
public final class Indirect<Wrapped: Hashable & Sendable>: Hashable, Sendable {
    public let value: Wrapped

    public init(_ value: Wrapped) {
        self.value = value
    }

    public static func == (lhs: Indirect, rhs: Indirect) -> Bool {
        lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}

/// How one watch's mentions are shared among the ambassadors who fit: everyone (`route = "all"`, the default) or
/// `fanout` owners (`route = "one"`).
public enum RoutePolicy: Sendable, Hashable {
    /// Every fitting ambassador with room.
    case all
    /// The `fanout` best fitting ambassadors with room: the most shared tags, then the lowest load against
    /// capacity, then the least recently assigned.
    case one(fanout: Int)
}

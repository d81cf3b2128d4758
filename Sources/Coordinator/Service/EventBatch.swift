/// Live events of one district as one poll turn of the ``EventSubscriber`` received them.
struct EventBatch: Sendable {
    var district: String
    var events: [CoordinatorEvent]
}

/// How a call names the namespace it acts on.
public enum NamespaceReference: Hashable, Sendable {
    /// By the name clients use.
    case name(String)

    /// By the id the server gave it at registration.
    case id(String)
}

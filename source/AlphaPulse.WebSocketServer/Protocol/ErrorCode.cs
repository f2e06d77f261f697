namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>The <c>code</c> of an error message; each names one problem a client can fix.</summary>
public static class ErrorCode
{
    public const string MalformedJson = "malformed_json";
    public const string UnknownOp = "unknown_op";
    public const string UnknownChannel = "unknown_channel";
    public const string UnknownExchange = "unknown_exchange";
    public const string UnknownSymbol = "unknown_symbol";
    public const string UnsupportedDepth = "unsupported_depth";
    public const string TooManySubscriptions = "too_many_subscriptions";
    public const string NotSubscribed = "not_subscribed";
    public const string RateLimited = "rate_limited";
    public const string MessageTooLarge = "message_too_large";
    public const string MessageTimeout = "message_timeout";
    public const string BinaryNotAccepted = "binary_not_accepted";
    public const string TooManyBadMessages = "too_many_bad_messages";
}

/// <summary>
/// Close codes and reasons the server sends (RFC 6455 §7.4.1; reasons fit the 123 bytes §5.5 allows).
/// </summary>
public static class CloseReasons
{
    /// <summary>1012 "service restart" (IANA WebSocket close code registry): reconnect, another replica serves you.</summary>
    public const int ServiceRestart = 1012;

    public const string ServiceRestartReason = "service restart";

    /// <summary>1008 policy violation: the client read too slowly and its queue exceeded the byte budget.</summary>
    public const string SlowConsumerReason = "slow consumer: queued bytes exceeded the budget";

    /// <summary>1008 policy violation: requests beyond the allowed rate.</summary>
    public const string FloodReason = "request flood: too many requests per second";

    /// <summary>1008 policy violation: too many malformed or refused requests.</summary>
    public const string BadMessagesReason = "too many bad messages";

    /// <summary>1009 message too big (RFC 6455 §7.4.1).</summary>
    public const string TooLargeReason = "message too large";

    /// <summary>1008 policy violation: a fragmented request was not finished within <c>MESSAGE_TIMEOUT_MS</c>.</summary>
    public const string UnfinishedReason = "message not finished in time";

    /// <summary>1003 unsupported data (RFC 6455 §7.4.1): requests are JSON text frames.</summary>
    public const string BinaryReason = "requests must be JSON text frames";
}

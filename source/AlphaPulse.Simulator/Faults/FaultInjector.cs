namespace AlphaPulse.Simulator.Faults;

/// <summary>Which fault kinds the message being sent can carry (a venue decides: Coinbase corrupts only sequenced messages).</summary>
internal interface IFaultEligibility
{
    bool Accepts(FaultKind kind);
}

/// <summary>
/// Decides, message by message, which fault (if any) a connection injects: its own rules (from the
/// <c>fault=</c> query parameter) first, then the control endpoint's rules. Each rule counts the
/// messages it is eligible for on this connection only. Threading: the connection's send loop only.
/// </summary>
internal sealed class FaultInjector
{
    private readonly FaultBoard _board;
    private readonly List<RuleState> _own;
    private List<RuleState> _shared = [];
    private int _sharedVersion = -1;

    public FaultInjector(IReadOnlyList<FaultRule> own, FaultBoard board)
    {
        _board = board;
        _own = own.Select(r => new RuleState(r)).ToList();
    }

    /// <summary>The rule whose fault to inject on this message, or null to send it as it is.</summary>
    public FaultRule? Next(string symbol, IFaultEligibility eligibility)
    {
        if (_board.Version != _sharedVersion)
        {
            RefreshShared();
        }
        if (_own.Count == 0 && _shared.Count == 0)
        {
            return null;
        }
        FaultRule? chosen = null;
        Consider(_own, symbol, eligibility, ref chosen);
        Consider(_shared, symbol, eligibility, ref chosen);
        return chosen;
    }

    private static void Consider(List<RuleState> states, string symbol, IFaultEligibility eligibility, ref FaultRule? chosen)
    {
        foreach (var state in states)
        {
            var rule = state.Rule;
            if ((rule.Symbol is not null && !string.Equals(rule.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
                || !eligibility.Accepts(rule.Kind))
            {
                continue;
            }
            state.Matched++;
            var due = rule.Every > 0 ? state.Matched % rule.Every == 0 : state.Matched == rule.After;
            // One fault per message: a later rule that is also due waits for its next turn.
            if (due && chosen is null && (rule.Count == 0 || state.Injected < rule.Count))
            {
                state.Injected++;
                chosen = rule;
            }
        }
    }

    private void RefreshShared()
    {
        _sharedVersion = _board.Version;
        var rules = _board.Rules;
        // Keep the counters of rules that are still posted; new rules start counting now.
        _shared = rules.Select(r => _shared.Find(s => ReferenceEquals(s.Rule, r)) ?? new RuleState(r)).ToList();
    }

    private sealed class RuleState(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;
        public long Matched { get; set; }
        public long Injected { get; set; }
    }
}

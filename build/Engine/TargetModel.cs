using System.Reflection;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// Reads the build class's <see cref="Target"/> properties into <see cref="ExecutableTarget"/>s and
/// resolves their relations. Rejects self-dependencies and cycles, naming them.
/// </summary>
internal static class TargetModel
{
    public static IReadOnlyList<ExecutableTarget> Create(NukeBuild build)
    {
        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var properties = new List<PropertyInfo>();
        for (var type = build.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            properties.AddRange(type.GetProperties(Flags | BindingFlags.DeclaredOnly).Where(property => property.PropertyType == typeof(Target)));
        }
        properties.Sort((a, b) => a.MetadataToken.CompareTo(b.MetadataToken));

        var targets = new List<ExecutableTarget>();
        var byMethod = new Dictionary<MethodInfo, ExecutableTarget>();
        foreach (var property in properties)
        {
            var factory = (Target)property.GetValue(build)!;
            var definition = new TargetDefinition();
            factory(definition);
            var target = new ExecutableTarget(property.Name, targets.Count, definition);
            targets.Add(target);
            byMethod[factory.Method] = target;
        }

        foreach (var target in targets)
        {
            Resolve(target, byMethod);
        }
        RejectCycles(targets);
        return targets;
    }

    private static void Resolve(ExecutableTarget target, Dictionary<MethodInfo, ExecutableTarget> byMethod)
    {
        var definition = target.Definition;
        ExecutableTarget Find(Target reference) =>
            byMethod.TryGetValue(reference.Method, out var found)
                ? found
                : throw new BuildException($"target {target.Name} refers to a target that is not a Target property of the build class (declare it as `Target Name => _ => _...`)");

        foreach (var dependency in definition.DependsOnTargets.Select(Find))
        {
            if (dependency == target)
            {
                throw new BuildException($"target {target.Name} depends on itself: remove {target.Name} from its own DependsOn");
            }
            AddOnce(target.ExecutionDependencies, dependency);
        }
        foreach (var dependent in definition.DependentForTargets.Select(Find))
        {
            if (dependent == target)
            {
                throw new BuildException($"target {target.Name} is dependent for itself: remove {target.Name} from its own DependentFor");
            }
            AddOnce(dependent.ExecutionDependencies, target);
        }
        foreach (var predecessor in definition.AfterTargets.Select(Find))
        {
            AddOnce(target.OrderDependencies, predecessor);
        }
        foreach (var successor in definition.BeforeTargets.Select(Find))
        {
            AddOnce(successor.OrderDependencies, target);
        }
        foreach (var triggered in definition.TriggersTargets.Select(Find))
        {
            AddOnce(target.Triggers, triggered);
            AddOnce(triggered.TriggeredBy, target);
        }
        foreach (var trigger in definition.TriggeredByTargets.Select(Find))
        {
            AddOnce(trigger.Triggers, target);
            AddOnce(target.TriggeredBy, trigger);
        }
    }

    /// <summary>Everything that must run before a target: dependencies, order constraints and triggers.</summary>
    public static IEnumerable<ExecutableTarget> Predecessors(ExecutableTarget target) =>
        target.ExecutionDependencies.Concat(target.OrderDependencies).Concat(target.TriggeredBy);

    private static void RejectCycles(IReadOnlyList<ExecutableTarget> targets)
    {
        var state = new Dictionary<ExecutableTarget, int>();
        var stack = new List<ExecutableTarget>();
        foreach (var target in targets)
        {
            Visit(target, state, stack);
        }
    }

    private static void Visit(ExecutableTarget target, Dictionary<ExecutableTarget, int> state, List<ExecutableTarget> stack)
    {
        const int Visiting = 1, Done = 2;
        if (state.GetValueOrDefault(target) == Done)
        {
            return;
        }
        if (state.GetValueOrDefault(target) == Visiting)
        {
            var cycle = stack.Skip(stack.IndexOf(target)).Append(target).Reverse().Select(item => item.Name);
            throw new BuildException($"targets form a cycle: {string.Join(" → ", cycle)} (each runs before the next; remove one of these DependsOn/After/Before/Triggers relations)");
        }
        state[target] = Visiting;
        stack.Add(target);
        foreach (var predecessor in Predecessors(target))
        {
            Visit(predecessor, state, stack);
        }
        stack.RemoveAt(stack.Count - 1);
        state[target] = Done;
    }

    private static void AddOnce(List<ExecutableTarget> list, ExecutableTarget item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}

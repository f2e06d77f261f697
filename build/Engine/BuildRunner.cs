using System.Diagnostics;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// One build run: parameters, plan, requirement checks, execution, summary, exit code.
/// Every failure the user can fix is a <see cref="BuildException"/> printed as one clear line.
/// </summary>
internal static class BuildRunner
{
    public const int Success = 0;
    public const int Failure = 1;

    public static int Run(NukeBuild build, BuildContext context, IReadOnlyList<string> defaultTargets)
    {
        Log.Context = context;
        build.Context = context;
        try
        {
            var arguments = ParsedArguments.Parse(context.Arguments);
            var parameters = ParameterMember.Discover(build.GetType());
            var resolver = new ParameterResolver(context, parameters);
            var targets = TargetModel.Create(build);
            SchemaWriter.Write(context.RootDirectory / ".nuke" / "build.schema.json", parameters, targets);
            resolver.Apply(build, arguments);
            build.OnBuildInitialized();

            if (arguments.Help)
            {
                HelpWriter.Write(context.Output, targets, parameters, defaultTargets);
                return Success;
            }
            var invoked = arguments.Targets.Count > 0 ? arguments.Targets : defaultTargets;
            var plan = ExecutionPlan.Create(targets, invoked, arguments.Skip);
            if (arguments.Plan)
            {
                PlanWriter.Write(context.Output, plan, build.TemporaryDirectory, context.RootDirectory);
                return Success;
            }
            RequirementChecker.Check(plan, parameters);
            var succeeded = Execute(build, plan);
            SummaryWriter.Write(context.Output, plan, succeeded);
            build.OnBuildFinished(succeeded);
            foreach (var line in build.ClosingLines())
            {
                context.Output.WriteLine(line);
            }
            return succeeded ? Success : Failure;
        }
        catch (BuildException exception)
        {
            Log.Error(exception.Message);
            return Failure;
        }
        finally
        {
            context.Output.Flush();
            Log.Context = null;
        }
    }

    private static bool Execute(NukeBuild build, IReadOnlyList<ExecutableTarget> plan)
    {
        var stopped = false;
        var failed = false;
        foreach (var target in plan)
        {
            if (target.Status == TargetStatus.Skipped)
            {
                continue;
            }
            if (stopped && !target.Definition.IsAssuredAfterFailure)
            {
                continue;
            }
            if (target.ExecutionDependencies.Any(dependency => dependency.Status is TargetStatus.Failed or TargetStatus.NotRun) && !target.Definition.IsAssuredAfterFailure)
            {
                continue;
            }
            if (target.Definition.DynamicConditions.FirstOrDefault(condition => !condition.Evaluate()) is { } condition)
            {
                target.Status = TargetStatus.Skipped;
                target.SkipReason = $"condition false: {condition.Text}";
                continue;
            }
            if (!RunTarget(build, target))
            {
                failed = true;
                stopped |= !target.Definition.ProceedsAfterFailure;
            }
        }
        return !failed;
    }

    private static bool RunTarget(NukeBuild build, ExecutableTarget target)
    {
        Log.BeginGroup(target.Name);
        build.CurrentTarget = target;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var action in target.Definition.Actions)
            {
                action().GetAwaiter().GetResult();
            }
            target.Status = TargetStatus.Succeeded;
            return true;
        }
        catch (Exception exception)
        {
            target.Status = TargetStatus.Failed;
            Log.Error(exception is BuildException ? $"{target.Name} failed: {exception.Message}" : $"{target.Name} failed: {exception}");
            return false;
        }
        finally
        {
            target.Duration = stopwatch.Elapsed;
            build.CurrentTarget = null;
            Log.EndGroup();
        }
    }
}

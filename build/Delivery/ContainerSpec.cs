using System.Security.Cryptography;
using System.Text;

namespace AlphaPulse.Build.Delivery;

/// <summary>How a container of a role is replaced during an upgrade.</summary>
public enum ReplaceStrategy
{
    /// <summary>Stop the old container, then start the new one: for roles whose peer covers the gap
    /// (collector replica A while B writes) or that cannot run twice (one writer per ring file).</summary>
    StopFirst,

    /// <summary>Start the new container in the other slot and wait until it is ready, then stop the old one:
    /// the WebSocket server, which two instances can serve at once through <c>SO_REUSEPORT</c>.</summary>
    StartFirst,
}

/// <summary>
/// One container of the local environment as Deploy wants it: its role (a stable name such as
/// <c>collector-binance-a</c>), image, environment and the port its <c>/health</c> and <c>/ready</c>
/// answer on. A <see cref="ReplaceStrategy.StartFirst"/> role has two slots with their own ports.
/// </summary>
public sealed record ContainerSpec(
    string Role,
    string Component,
    string Image,
    IReadOnlyDictionary<string, string> Environment,
    int HealthPort,
    ReplaceStrategy Strategy = ReplaceStrategy.StopFirst,
    int? SecondSlotHealthPort = null,
    string? HealthPortVariable = null)
{
    /// <summary>Identifies what the container runs: image and environment (not the slot); equal means keep it.</summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder(Image);
            foreach (var (name, value) in Environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                text.Append('\n').Append(name).Append('=').Append(value);
            }
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        }
    }

    /// <summary>The port this role answers health on in <paramref name="slot"/> (1 or 2).</summary>
    public int HealthPortIn(int slot) => slot == 2 && SecondSlotHealthPort is { } second ? second : HealthPort;

    /// <summary>The container's name in <paramref name="slot"/>: one name for stop-first roles, one per slot otherwise.</summary>
    public string ContainerName(int slot) =>
        Strategy == ReplaceStrategy.StartFirst ? $"{LocalTopology.ContainerPrefix}{Role}-{slot}" : $"{LocalTopology.ContainerPrefix}{Role}";

    /// <summary>The environment in <paramref name="slot"/>: the slot's health port set where the service reads it.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentIn(int slot)
    {
        if (HealthPortVariable is null)
        {
            return Environment;
        }
        var environment = new Dictionary<string, string>(Environment) { [HealthPortVariable] = HealthPortIn(slot).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return environment;
    }
}

/// <summary>A container of the environment as the engine reports it (from its labels).</summary>
public sealed record RunningContainer(string Id, string Name, string Role, string Fingerprint, int Slot, int HealthPort, string Image, bool Running);

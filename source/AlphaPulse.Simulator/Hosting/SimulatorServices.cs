using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Exchanges.Binance;
using AlphaPulse.Simulator.Exchanges.Coinbase;
using AlphaPulse.Simulator.Exchanges.Kraken;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Recording;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AlphaPulse.Simulator.Hosting;

/// <summary>Service wiring for the two server modes: the live simulator and the replay of a recording.</summary>
internal static class SimulatorServices
{
    public static IServiceCollection AddSimulator(this IServiceCollection services, SimulatorSettings settings)
    {
        services.AddCommon(settings);
        services.AddSingleton<MarketRegistry>();
        services.AddSingleton<FeedHub>();
        services.AddSingleton<RecentTrades>();
        services.AddSingleton<VenueServices>();
        services.AddSingleton<FaultBoard>();
        services.AddSingleton<MarketFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<MarketFeed>());
        services.AddSingleton<IExchange, BinanceExchange>();
        services.AddSingleton<IExchange, CoinbaseExchange>();
        services.AddSingleton<IExchange, KrakenExchange>();
        services.AddSingleton<IReadiness>(sp => new FeedReadiness(sp.GetRequiredService<MarketFeed>()));
        return services;
    }

    public static IServiceCollection AddReplay(this IServiceCollection services, SimulatorSettings settings)
    {
        services.AddCommon(settings);
        services.AddSingleton(_ => Recording.RecordingFile.Read(settings.File));
        services.AddSingleton<ReplayServer>();
        services.AddSingleton<IReadiness>(_ => new AlwaysReady());
        return services;
    }

    private static void AddCommon(this IServiceCollection services, SimulatorSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
    }
}

/// <summary>What <c>/ready</c> asks.</summary>
internal interface IReadiness
{
    bool IsReady { get; }
}

internal sealed class FeedReadiness(MarketFeed feed) : IReadiness
{
    public bool IsReady => feed.IsRunning;
}

internal sealed class AlwaysReady : IReadiness
{
    public bool IsReady => true;
}

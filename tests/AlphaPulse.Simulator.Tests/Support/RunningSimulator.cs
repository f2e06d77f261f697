using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AlphaPulse.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>A real simulator on Kestrel at 127.0.0.1 and an ephemeral port, with real HTTP and WebSocket clients.</summary>
internal sealed class RunningSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSimulator(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
        WebSocketBase = new Uri($"ws://{address.Authority}");
    }

    public HttpClient Http { get; }

    public Uri WebSocketBase { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningSimulator> StartAsync(SimulatorSettings? settings = null, TimeProvider? time = null)
    {
        settings = (settings ?? new SimulatorSettings { Rate = 5000, Depth = 1000 }) with { Host = "127.0.0.1", Port = 0 };
        var app = SimulatorApp.Create(settings, services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSimulator(app, new Uri(address));
    }

    public async Task<ClientWebSocket> ConnectAsync(string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(WebSocketBase, pathAndQuery), CancellationToken.None);
        return socket;
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Receives one whole text message (null when the server closed).</summary>
    public static async Task<string?> ReceiveTextAsync(WebSocket socket)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Receives one message as JSON (throws when the server closed).</summary>
    public static async Task<JsonElement> ReceiveJsonAsync(WebSocket socket)
    {
        using var json = JsonDocument.Parse((await ReceiveTextAsync(socket))!);
        return json.RootElement.Clone();
    }

    /// <summary>Receives messages until one satisfies <paramref name="wanted"/>.</summary>
    public static async Task<JsonElement> ReceiveUntilAsync(WebSocket socket, Func<JsonElement, bool> wanted)
    {
        while (true)
        {
            var message = await ReceiveJsonAsync(socket);
            if (wanted(message))
            {
                return message;
            }
        }
    }

    public static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
}

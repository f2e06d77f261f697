using System.Globalization;
using System.Text;
using AlphaPulse.Collector.Adapters;
using CsCheck;

namespace AlphaPulse.Collector.Tests.Adapters;

/// <summary>The exchanges' UTC timestamps (RFC 3339, <c>Z</c> only) against .NET's own calendar, and every rule it refuses at its boundary.</summary>
public sealed class Rfc3339TimeTests
{
    [Fact]
    public void ShouldAgreeWithTheCalendarOnAnyInstantFrom1970WithAnyFractionDigits() =>
        Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks], Gen.Int[0, 12], Gen.Int[0, 999]).Sample((ticks, digits, extra) =>
        {
            var instant = DateTime.UnixEpoch.AddTicks(ticks);
            // Nine digits of nanoseconds (ticks give seven), then whatever else the text carries (dropped).
            var nanos = (ticks % TimeSpan.TicksPerSecond * 100) + (extra % 100);
            var fraction = (nanos.ToString("D9", CultureInfo.InvariantCulture) + extra.ToString("D3", CultureInfo.InvariantCulture))[..digits];
            var text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (digits > 0 ? "." + fraction : "") + "Z";
            var expected = ((ticks / TimeSpan.TicksPerSecond) * 1_000_000_000) + long.Parse(fraction.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);

            Assert.True(Rfc3339Time.TryParseUnixNanoseconds(Encoding.ASCII.GetBytes(text), out var parsed), text);
            Assert.Equal(expected, parsed);
        }, iter: 5_000);

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", 0L)]
    [InlineData("2023-10-06t17:35:55.440295z", 1_696_613_755_440_295_000L)]
    [InlineData("2024-02-29T00:00:00Z", 1_709_164_800_000_000_000L)]
    [InlineData("2000-02-29T12:00:00.5Z", 951_825_600_500_000_000L)]
    [InlineData("2016-12-31T23:59:60Z", 1_483_228_800_000_000_000L)]
    [InlineData("2023-01-01T00:00:00.123456789987Z", 1_672_531_200_123_456_789L)]
    public void ShouldParseTheEdgesOfTheCalendar(string text, long expected)
    {
        Assert.True(Rfc3339Time.TryParseUnixNanoseconds(Encoding.ASCII.GetBytes(text), out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("2023-10-06T17:35:5Z")]
    [InlineData("2023/10-06T17:35:55Z")]
    [InlineData("2023-10/06T17:35:55Z")]
    [InlineData("2023-10-06 17:35:55Z")]
    [InlineData("2023-10-06T17-35:55Z")]
    [InlineData("2023-10-06T17:35-55Z")]
    [InlineData("2023-10-06T17:35:55+00:00")]
    [InlineData("2023-10-06T17:35:55.44029Y")]
    [InlineData("2O23-10-06T17:35:55Z")]
    [InlineData("2023-1O-06T17:35:55Z")]
    [InlineData("2023-10-O6T17:35:55Z")]
    [InlineData("2023-10-06T1 :35:55Z")]
    [InlineData("2023-10-06T17:3 :55Z")]
    [InlineData("2023-10-06T17:35:5 Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("2023-00-06T17:35:55Z")]
    [InlineData("2023-13-06T17:35:55Z")]
    [InlineData("2023-10-00T17:35:55Z")]
    [InlineData("2023-02-29T17:35:55Z")]
    [InlineData("2023-04-31T17:35:55Z")]
    [InlineData("2023-10-06T24:00:00Z")]
    [InlineData("2023-10-06T17:60:55Z")]
    [InlineData("2023-10-06T17:35:61Z")]
    [InlineData("2023-10-06T17:35:55.Z")]
    [InlineData("2023-10-06T17:35:55,5Z")]
    [InlineData("2023-10-06T17:35:55.4a0Z")]
    [InlineData("2023-10-06T17:35:55.4:0Z")]
    [InlineData("2023-10-06T17:35:55.4/0Z")]
    public void ShouldRefuseAnythingButAUtcTimestampFrom1970(string text)
    {
        Assert.False(Rfc3339Time.TryParseUnixNanoseconds(Encoding.ASCII.GetBytes(text), out var parsed), text);
        Assert.Equal(0, parsed);
    }
}

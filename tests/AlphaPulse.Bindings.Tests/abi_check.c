/* A C consumer of alphapulse.h: the header's structs have the documented sizes and offsets, the library writes no
 * byte past them, and its calls answer as documented. Compiled and run by test_c_abi.py with gcc. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "alphapulse.h"

_Static_assert(sizeof(ap_record) == 64, "ap_record is 64 bytes");
_Static_assert(offsetof(ap_record, publish_time) == 24 && offsetof(ap_record, trade_id) == 40, "ap_record offsets");
_Static_assert(offsetof(ap_record, symbol) == 56 && offsetof(ap_record, kind) == 58 && offsetof(ap_record, replica) == 61, "ap_record tail");
_Static_assert(sizeof(ap_level) == 16 && sizeof(ap_book_info) == 32 && sizeof(ap_instrument) == 40 && sizeof(ap_stats) == 80, "struct sizes");

#define CANARY 0xA5A5A5A5A5A5A5A5ULL
#define CHECK(cond, what) do { if (!(cond)) { printf("FAIL %s\n", what); return 1; } } while (0)

int main(int argc, char **argv) {
    if (argc != 3) { printf("usage: abi_check <directory> <exchange>\n"); return 2; }
    char message[1024];
    ap_handle reader = 0;
    CHECK(ap_abi_version() == AP_ABI_VERSION, "abi version");
    CHECK(ap_open("/nonexistent", argv[2], 0, &reader) == AP_ERR_NOT_FOUND, "missing ring is AP_ERR_NOT_FOUND");
    CHECK(ap_last_error_message(message, sizeof message) > 0 && strstr(message, "/nonexistent") != NULL, "message names the directory");
    CHECK(ap_open(NULL, argv[2], 0, &reader) == AP_ERR_INVALID_ARGUMENT, "NULL directory");
    CHECK(ap_open(argv[1], argv[2], -1, &reader) == AP_ERR_INVALID_ARGUMENT, "negative stale_after_ms");
    CHECK(ap_open(argv[1], argv[2], 60000, &reader) == AP_OK && reader != 0, "open");

    struct { ap_record records[4]; unsigned long long canary; } batch = { .canary = CANARY };
    int32_t count = -1, total = 0;
    do {
        CHECK(ap_read(reader, batch.records, 4, &count) == AP_OK && count >= 0 && count <= 4, "read");
        CHECK(batch.canary == CANARY, "ap_read writes only capacity records");
        total += count;
    } while (count > 0);
    CHECK(total > 100, "records read");
    CHECK(ap_read(reader, NULL, 4, &count) == AP_ERR_INVALID_ARGUMENT, "NULL buffer");

    struct { ap_stats stats; unsigned long long canary; } stats = { .canary = CANARY };
    CHECK(ap_get_stats(reader, &stats.stats) == AP_OK && stats.canary == CANARY, "stats fit");
    CHECK(stats.stats.delivered == total && stats.stats.replicas == 1 && stats.stats.symbols == 4 && stats.stats.epochs == 1, "stats values");

    int32_t symbols = 0, id = -1;
    CHECK(ap_symbol_count(reader, &symbols) == AP_OK && symbols == 4, "symbol count");
    struct { ap_instrument instrument; unsigned long long canary; } instrument = { .canary = CANARY };
    CHECK(ap_get_instrument(reader, 3, &instrument.instrument) == AP_OK && instrument.canary == CANARY, "instrument fits");
    CHECK(strcmp(instrument.instrument.symbol, "EXTREME-USD") == 0 && instrument.instrument.price_scale == 18 && instrument.instrument.id == 3, "instrument values");
    CHECK(ap_get_instrument(reader, 4, &instrument.instrument) == AP_ERR_UNKNOWN_SYMBOL, "instrument out of range");
    CHECK(ap_symbol_id(reader, "EDGE-USD", &id) == AP_OK && id == 0, "symbol id");
    CHECK(ap_symbol_id(reader, "BTC-USD", &id) == AP_ERR_UNKNOWN_SYMBOL, "unknown symbol name");
    CHECK(ap_last_error_message(message, sizeof message) > 0 && strstr(message, "EDGE-USD") != NULL, "message lists known symbols");

    struct { ap_level levels[2]; unsigned long long canary; } bids = { .canary = CANARY }, asks = { .canary = CANARY };
    struct { ap_book_info info; unsigned long long canary; } info = { .canary = CANARY };
    CHECK(ap_book(reader, 0, 2, bids.levels, asks.levels, &info.info) == AP_OK, "book");
    CHECK(bids.canary == CANARY && asks.canary == CANARY && info.canary == CANARY, "book writes only depth levels");
    CHECK(info.info.valid == 1 && info.info.bid_count == 2 && info.info.ask_count == 1 && info.info.bids_copied == 2 && info.info.asks_copied == 1, "book info");
    CHECK(bids.levels[0].price == 60 && bids.levels[1].size == 9 && asks.levels[0].price == 62, "book levels");
    CHECK(ap_book(reader, 0, 0, NULL, NULL, &info.info) == AP_OK && info.info.bids_copied == 0, "depth 0");
    CHECK(ap_book(reader, 9, 1, bids.levels, asks.levels, &info.info) == AP_ERR_UNKNOWN_SYMBOL, "book of unknown id");

    CHECK(ap_close(reader) == AP_OK, "close");
    CHECK(ap_close(reader) == AP_ERR_INVALID_HANDLE, "double close");
    CHECK(ap_read(reader, batch.records, 4, &count) == AP_ERR_INVALID_HANDLE && count == 0, "read after close");
    CHECK(ap_get_stats(12345, &stats.stats) == AP_ERR_INVALID_HANDLE, "made-up handle");
    CHECK(ap_last_error_message(message, 8) > 8 && strlen(message) == 7, "message truncated to fit");
    CHECK(ap_noop() == 0, "noop");
    printf("ok\n");
    return 0;
}

/*
 * alphapulse.h — the C ABI of libalphapulse.so (source/AlphaPulse.Bindings, NativeAOT).
 *
 * Built by `./build.sh Compile` into artifacts/bindings/libalphapulse.so. Python wraps it in
 * python/alphapulse/_native.py (ctypes); any C caller links it the same way.
 *
 * What it reads: one exchange's merged stream over every replica ring <exchange>-<replica>.ring in a
 * directory (SHARED_MEMORY_PATH, default /dev/shm/alphapulse), through the same ReplicatedReader the
 * WebSocket server uses (docs/replication.md): replicas merged, every trade and book update once,
 * losses and writer restarts counted. Ring format: docs/shm-format.md (version 3).
 *
 * Conventions
 *  - Every function except ap_abi_version, ap_noop and ap_last_error_message returns AP_OK (0) or a
 *    negative AP_ERR_* code; ap_last_error_message then gives the reason (rule, values, fix).
 *    Nothing is thrown or aborted across the boundary.
 *  - Threading: readers may be opened and closed from any thread; one reader is used by one thread
 *    at a time. The last error message is per thread.
 *  - Prices and sizes are signed 64-bit fixed point: value / 10^price_scale (ap_get_instrument).
 *  - All structs are little-endian, naturally aligned, with the sizes stated (no packing pragmas).
 */
#ifndef ALPHAPULSE_H
#define ALPHAPULSE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AP_ABI_VERSION 1

/* Return codes. */
#define AP_OK                    0
#define AP_ERR_INVALID_ARGUMENT (-1) /* NULL pointer, empty text, negative size */
#define AP_ERR_NOT_FOUND        (-2) /* no <exchange>-*.ring in the directory */
#define AP_ERR_NO_PERMISSION    (-3) /* a ring's mode bits deny this process */
#define AP_ERR_BAD_FILE         (-4) /* not a ring: wrong magic, length, geometry, not a regular file */
#define AP_ERR_WRONG_VERSION    (-5) /* a ring of another format version (this build reads version 3) */
#define AP_ERR_UNKNOWN_SYMBOL   (-6) /* a symbol id or name no ring declares */
#define AP_ERR_INVALID_HANDLE   (-7) /* zero, closed or never-opened handle */
#define AP_ERR_INTERNAL         (-8) /* anything else; the message names the exception */

/* A reader: a number, never a pointer (a stale handle is an error, not a crash). */
typedef int64_t ap_handle;

/* ap_record.kind */
#define AP_KIND_TRADE         1 /* a trade (first copy of its trade id) */
#define AP_KIND_BOOK_DELTA    2 /* one changed level of the merged book; size 0 removed it */
#define AP_KIND_BOOK_SNAPSHOT 3 /* one level of the whole merged book, which was replaced */
#define AP_KIND_BOOK_RESET    4 /* the merged book is gone until the next snapshot (no level) */

/* ap_record.flags */
#define AP_FLAG_BATCH_END 1 /* the exchange message ends here: show the book now */
#define AP_FLAG_EVENT_END 2 /* last record of one event (a delta or snapshot is one record per level) */
#define AP_FLAG_NO_LEVEL  4 /* no level in this record (empty book, reset): price and size are 0 */

/*
 * One record, 64 bytes. A trade is one record. A book event is one record per level, bids first
 * then asks, each side best first for a snapshot, AP_FLAG_EVENT_END on the last; a book event
 * without levels is one AP_FLAG_NO_LEVEL record. A snapshot record set replaces the whole book.
 *
 *  offset size field
 *       0    8 price          trade price or level price (fixed point)
 *       8    8 size           trade size or level size (fixed point; 0 removes a level)
 *      16    8 exchange_time  unix ns (trades, deltas; 0 for snapshots and resets)
 *      24    8 publish_time   writer's CLOCK_MONOTONIC ns of the ring record behind the event
 *      32    8 sequence       exchange book sequence after the event (0: none; trades 0)
 *      40    8 trade_id       trades: the exchange's trade id
 *      48    8 receive_time   trades: collector receive time, unix ns
 *      56    2 symbol         merged symbol id (ap_get_instrument)
 *      58    1 kind           AP_KIND_*
 *      59    1 side           trades: 0 unknown, 1 buy, 2 sell (aggressor); levels: 0 bid, 1 ask
 *      60    1 flags          AP_FLAG_*
 *      61    1 replica        index of the replica the event came from
 *      62    2 reserved       0
 */
typedef struct ap_record {
    int64_t price;
    int64_t size;
    int64_t exchange_time;
    int64_t publish_time;
    int64_t sequence;
    uint64_t trade_id;
    int64_t receive_time;
    uint16_t symbol;
    uint8_t kind;
    uint8_t side;
    uint8_t flags;
    uint8_t replica;
    uint16_t reserved;
} ap_record;

/* One book level, 16 bytes. */
typedef struct ap_level {
    int64_t price;
    int64_t size;
} ap_level;

/* What ap_book reports beside the levels, 32 bytes. */
typedef struct ap_book_info {
    int32_t bid_count;   /* levels the book holds per side */
    int32_t ask_count;
    int32_t bids_copied; /* levels written to the caller's arrays (<= depth) */
    int32_t asks_copied;
    int64_t sequence;    /* exchange sequence of the merged book (0: none) */
    int32_t valid;       /* 1: complete (a snapshot and every update since); 0: no book yet or reset */
    int32_t reserved;
} ap_book_info;

/* A merged symbol, 40 bytes. */
typedef struct ap_instrument {
    char symbol[36];     /* UTF-8, zero-terminated (at most 32 bytes) */
    uint8_t price_scale; /* price = value / 10^price_scale */
    uint8_t size_scale;
    uint16_t id;         /* the merged symbol id, as in ap_record.symbol */
} ap_instrument;

/* Counters, 80 bytes, summed over the exchange's replicas. */
typedef struct ap_stats {
    int64_t records;   /* ring records read (heartbeats included) */
    int64_t delivered; /* ap_record values handed to the caller */
    int64_t lost;      /* records lost because this reader was lapped (exact) */
    int64_t lapped;    /* times this reader was lapped */
    int64_t epochs;    /* writer restarts seen */
    int64_t failovers; /* symbols moved from one replica to another */
    int64_t duplicates;/* trades and book updates another replica delivered first */
    int32_t replicas;  /* replica rings found */
    int32_t symbols;   /* merged symbols known */
    int64_t staged;    /* records waiting in the reader for the next ap_read */
    int64_t latency_ns;/* publish -> read latency of the newest record read, ns */
} ap_stats;

/* AP_ABI_VERSION of the library: check it equals the header's before anything else. */
int32_t ap_abi_version(void);

/* Does nothing and returns 0: the cost of one call into the library (the bench's floor). */
int32_t ap_noop(void);

/*
 * Opens a reader on every <exchange>-*.ring in directory, from each ring's oldest record.
 * stale_after_ms: a replica that publishes nothing this long is stale and its symbols fail over
 * (0: 3000; collectors heartbeat every second). Errors: AP_ERR_NOT_FOUND (no ring),
 * AP_ERR_WRONG_VERSION, AP_ERR_BAD_FILE, AP_ERR_NO_PERMISSION, AP_ERR_INVALID_ARGUMENT.
 */
int32_t ap_open(const char *directory, const char *exchange, int64_t stale_after_ms, ap_handle *reader);

/* Closes a reader; the handle is invalid afterwards (AP_ERR_INVALID_HANDLE on reuse). */
int32_t ap_close(ap_handle reader);

/*
 * Non-blocking: writes up to capacity records available now into records, sets *count.
 * *count == 0 means caught up. An event larger than the buffer continues on the next call.
 */
int32_t ap_read(ap_handle reader, ap_record *records, int32_t capacity, int32_t *count);

/* Number of merged symbols; ids are 0 .. count-1 and never change for a reader. */
int32_t ap_symbol_count(ap_handle reader, int32_t *count);

/* A symbol's name and scales. AP_ERR_UNKNOWN_SYMBOL for an id out of range. */
int32_t ap_get_instrument(ap_handle reader, int32_t symbol, ap_instrument *instrument);

/* A symbol's id by name ("BTC-USD"). AP_ERR_UNKNOWN_SYMBOL (the message lists the known ones). */
int32_t ap_symbol_id(ap_handle reader, const char *symbol, int32_t *id);

/*
 * The merged book of a symbol as of the last record read: up to depth levels per side, best first,
 * into bids and asks (each depth elements; may be NULL when depth is 0), and *info.
 */
int32_t ap_book(ap_handle reader, int32_t symbol, int32_t depth, ap_level *bids, ap_level *asks, ap_book_info *info);

/* The reader's counters. */
int32_t ap_get_stats(ap_handle reader, ap_stats *stats);

/*
 * This thread's last error message, UTF-8, zero-terminated and truncated to capacity; returns its
 * full length in bytes (call again with a larger buffer when it is >= capacity).
 */
int32_t ap_last_error_message(char *buffer, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif /* ALPHAPULSE_H */

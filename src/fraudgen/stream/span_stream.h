// `fraudgen stream` over a bounded range held in memory a span of days at a time: every
// customer's span is simulated from the span and the kLookbackDays before it
// (customer_window.h), the span's events are sorted, and they are sent while the next span is
// simulated; rows become lines on the workers a chunk at a time just before they are sent. So
// the first event leaves after one span, and simulating, making lines and sending (with the
// SHA-256, which no thread can share) run at once instead of one after the other. A span holds
// its transactions as simulated and its customers' windows. Between spans the stream keeps, per
// customer, when its first transaction was (its customer and device events follow it), and the
// lines of events due after the span that made them (devices first used later, labels reported
// later). With rides, each span also makes every capital's rides requested in it as lines (each
// capital's span simulated with the 8 days before it, ride_events.h); rides over after the span
// wait for the next one. For worlds whose spans fit in memory; a larger world spills
// (stream_runner.h). Both send the same bytes.
#pragma once
#include <atomic>
#include <cstdint>

#include "fraudgen/run/plan.h"
#include "fraudgen/sim/sim_context.h"
#include "fraudgen/stream/event_sink.h"
#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {

StreamOutcome run_span_stream(const SimContext& ctx, const Plan& plan, int64_t span_days, const StreamOptions& options,
                              EventSink& sink, const std::atomic<bool>& stop, StreamCounters& counters);

// Days per span for spans holding about `span_bytes` (the plan's transactions as simulated,
// its labels as lines, every customer's window), at most the range and 92 days; 0 when not one day fits.
int64_t span_days_for(const Plan& plan, int64_t days, uint64_t span_bytes);

}  // namespace fraudgen

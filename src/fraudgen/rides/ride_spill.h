// What a ride world keeps in --spill-dir, and the check that the folder has room for it before
// anything is simulated: its riders (stored_rider.h); the capitals' recent days of history
// events when the run's workers share them (ride_day_events.h: a run with an end); and each
// worker's file of its block's 8 days before (ride_blocks.h).
#pragma once
#include <cstdint>
#include <filesystem>

namespace fraudgen {

// The bytes for a world of `customers` on `workers` workers: the riders; the shared days' events
// at the mean requests when `shared_days`; each worker's days before, the largest capital's,
// taken as 30% of the riders at 1.25 times the mean requests.
double ride_spill_bytes(uint64_t customers, int workers, bool shared_days);

// Throws ScratchRoomError (scratch_file.h) when `dir` has less than a tenth more than that free.
void ensure_ride_spill_room(const std::filesystem::path& dir, uint64_t customers, int workers, bool shared_days);

}  // namespace fraudgen

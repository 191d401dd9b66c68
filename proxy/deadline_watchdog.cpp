#include "proxy/deadline_watchdog.h"

namespace bank::proxy {

DeadlineWatchdog::DeadlineWatchdog() : thread_([this] { run(); }) {}

DeadlineWatchdog::~DeadlineWatchdog() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

std::uint64_t DeadlineWatchdog::arm(Deadline deadline, std::function<void()> on_expiry) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::uint64_t ticket = next_ticket_++;
    // Deadlines mostly arrive in increasing order: wake the thread only for a new earliest one.
    const bool earliest = pending_.empty() || deadline < pending_.begin()->first;
    by_ticket_[ticket] = pending_.emplace(deadline, std::make_pair(ticket, std::move(on_expiry)));
    if (earliest) changed_.notify_all();
    return ticket;
}

void DeadlineWatchdog::disarm(std::uint64_t ticket) {
    // Expiry callbacks run under the mutex, so taking it waits out one that is running.
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = by_ticket_.find(ticket);
    if (it == by_ticket_.end()) return;
    pending_.erase(it->second);
    by_ticket_.erase(it);
}

void DeadlineWatchdog::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        if (pending_.empty()) {
            changed_.wait(lock);
            continue;
        }
        const auto first = pending_.begin();
        const Deadline earliest = first->first;  // a copy: disarm() may erase the entry while we wait
        if (std::chrono::steady_clock::now() < earliest) {
            changed_.wait_until(lock, earliest);
            continue;
        }
        auto expired = std::move(first->second.second);
        by_ticket_.erase(first->second.first);
        pending_.erase(first);
        expired();
    }
}

}  // namespace bank::proxy

// PredictionService: the event log (SSE streams read it), stream URLs and lifecycle
// notifications (webhooks hang off them).
#include <boost/json.hpp>

#include "core/prediction_entry.h"
#include "core/predictions.h"
#include "util/base64.h"
#include "util/crypto.h"
#include "util/json_text.h"
#include "util/log.h"

namespace replicant::backend::core {

namespace json = boost::json;

void PredictionService::appendEvent(Entry& e, std::string event, std::string data) {
    StreamEvent ev;
    ev.seq = e.nextSeq++;
    ev.event = std::move(event);
    ev.data = std::move(data);
    ev.emittedAtMicros = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    writer_.enqueue([id = e.p.id, ev](store::Database& db) {
        auto st = db.prepare(
            "INSERT OR REPLACE INTO prediction_events (prediction_id, seq, event, data, "
            "emitted_at) VALUES (?,?,?,?,?)");
        if (!st)
            return;
        st->bind(1, id)
            .bind(2, static_cast<std::int64_t>(ev.seq))
            .bind(3, ev.event)
            .bind(4, ev.data)
            .bind(5, ev.emittedAtMicros);
        if (auto r = st->run(); !r)
            util::logError("persisting an event of " + id + ": " + r.error().detail);
    });
    // Delivered under the entry's lock, so every subscriber sees the log in order.
    std::erase_if(e.subscribers, [](const auto& s) { return !s->active; });
    for (const auto& s : e.subscribers)
        s->deliver(ev);
    e.events.push_back(std::move(ev));
}

void PredictionService::notify(const Entry& e, Lifecycle kind, json::object doc) {
    if (lifecycle_ && e.p.webhook)
        lifecycle_(LifecycleEvent{e.p.id, e.p.accountId, kind, *e.p.webhook,
                                  e.p.webhookEventsFilter, std::move(doc)});
}

json::object PredictionService::webhookSnapshot(const Entry& e) {
    return e.p.webhook ? toDoc(e.p) : json::object{};
}

void PredictionService::setLifecycleListener(std::function<void(const LifecycleEvent&)> listener) {
    lifecycle_ = std::move(listener);
}

bool PredictionService::subscribe(const std::string& id, std::uint64_t afterSeq,
                                  const std::shared_ptr<EventSubscription>& subscription) {
    if (auto e = findActive(id)) {
        std::lock_guard lock(e->mutex);
        for (const auto& ev : e->events)
            if (ev.seq > afterSeq)
                subscription->deliver(ev);
        if (!e->terminalCommitted && !(e->events.size() && e->events.back().event == "done"))
            e->subscribers.push_back(subscription);
        return true;
    }
    if (!loadDoc(id, std::nullopt))
        return false;
    replayStored(id, afterSeq, subscription);
    return true;
}

void PredictionService::replayStored(const std::string& id, std::uint64_t afterSeq,
                                     const std::shared_ptr<EventSubscription>& subscription) {
    std::vector<StreamEvent> events;
    {
        auto lock = db_.lock();
        auto st = db_.prepare(
            "SELECT seq, event, data, emitted_at FROM prediction_events WHERE prediction_id = ? "
            "AND seq > ? ORDER BY seq");
        if (!st)
            return;
        st->bind(1, id).bind(2, static_cast<std::int64_t>(afterSeq));
        while (st->step())
            events.push_back(StreamEvent{static_cast<std::uint64_t>(st->integer(0)), st->text(1),
                                         st->text(2), st->integer(3)});
    }
    for (const auto& ev : events)
        subscription->deliver(ev);
}

std::string PredictionService::streamSignature(const std::string& id) const {
    return util::base64UrlEncode(util::hmacSha256(streamKey_, "stream:" + id));
}

bool PredictionService::verifyStreamSignature(const std::string& id,
                                              const std::string& signature) const {
    return util::constantTimeEquals(streamSignature(id), signature);
}

std::string PredictionService::withOrigin(std::string text, const std::string& baseUrl) {
    for (auto at = text.find(kFileOrigin); at != std::string::npos;
         at = text.find(kFileOrigin, at + baseUrl.size()))
        text.replace(at, kFileOrigin.size(), baseUrl);
    return text;
}

namespace {
void localizeFiles(json::value& v, const std::string& baseUrl) {
    if (v.is_string()) {
        if (std::string_view(v.as_string()).find(PredictionService::kFileOrigin) !=
            std::string_view::npos)
            v = PredictionService::withOrigin(std::string(v.as_string()), baseUrl);
    } else if (v.is_array()) {
        for (auto& item : v.as_array())
            localizeFiles(item, baseUrl);
    } else if (v.is_object()) {
        for (auto& member : v.as_object())
            localizeFiles(member.value(), baseUrl);
    }
}
}  // namespace

json::object PredictionService::render(json::object doc, const std::string& baseUrl) const {
    const std::string id(doc.at("id").as_string());
    if (auto* output = doc.if_contains("output"))
        localizeFiles(*output, baseUrl);
    return renderPrediction(std::move(doc), baseUrl,
                            "/v1/streams/" + id + "/" + streamSignature(id));
}

}  // namespace replicant::backend::core

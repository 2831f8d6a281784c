#include "core/prediction.h"

#include <boost/json.hpp>

#include "util/clock.h"

namespace replicant::backend::core {

namespace json = boost::json;

std::string_view toString(Status s) {
    switch (s) {
        case Status::Starting:
            return "starting";
        case Status::Processing:
            return "processing";
        case Status::Succeeded:
            return "succeeded";
        case Status::Failed:
            return "failed";
        case Status::Canceled:
            return "canceled";
        case Status::Aborted:
            return "aborted";
    }
    return "starting";
}

bool isTerminal(Status s) {
    return s != Status::Starting && s != Status::Processing;
}

namespace {
json::value optionalTime(const std::optional<TimePoint>& t) {
    return t ? json::value(util::rfc3339(*t)) : json::value(nullptr);
}
}  // namespace

json::object toDoc(const Prediction& p) {
    json::object o;
    o["id"] = p.id;
    o["model"] = p.model;
    o["version"] = p.version;
    o["input"] = p.input;
    o["logs"] = p.logs;
    o["output"] = p.output;
    o["data_removed"] = p.dataRemoved;
    o["error"] = p.error ? json::value(*p.error) : json::value(nullptr);
    o["status"] = toString(p.status);
    o["source"] = p.source;
    o["created_at"] = util::rfc3339(p.createdAt);
    o["started_at"] = optionalTime(p.startedAt);
    o["completed_at"] = optionalTime(p.completedAt);
    if (p.deadline)
        o["deadline"] = util::rfc3339(*p.deadline);
    if (p.deployment)
        o["deployment"] = *p.deployment;
    if (p.webhook)
        o["webhook"] = *p.webhook;
    if (p.webhookEventsFilter) {
        json::array events;
        for (const auto& e : *p.webhookEventsFilter)
            events.emplace_back(e);
        o["webhook_events_filter"] = std::move(events);
    }
    json::object metrics;
    if (isTerminal(p.status) && p.completedAt) {
        if (p.startedAt)
            metrics["predict_time"] = util::seconds(*p.completedAt - *p.startedAt);
        metrics["total_time"] = util::seconds(*p.completedAt - p.createdAt);
    }
    o["metrics"] = std::move(metrics);
    if (p.streams)
        o["_stream"] = true;  // stored, never sent: renderPrediction turns it into urls.stream
    return o;
}

json::object renderPrediction(json::object doc, const std::string& baseUrl,
                              const std::string& streamPath) {
    const std::string self = baseUrl + "/v1/predictions/" + std::string(doc.at("id").as_string());
    json::object urls{{"cancel", self + "/cancel"}, {"get", self}};
    if (doc.erase("_stream") > 0 && !streamPath.empty())
        urls["stream"] = baseUrl + streamPath;
    doc["urls"] = std::move(urls);
    return doc;
}

std::string doneEventData(Status s) {
    switch (s) {
        case Status::Failed:
            return R"({"reason":"error"})";
        case Status::Canceled:
        case Status::Aborted:
            return R"({"reason":"canceled"})";
        default:
            return "{}";
    }
}

}  // namespace replicant::backend::core

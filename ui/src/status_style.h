#pragma once

#include <QString>

#include "replicant/widgets/badge.h"

namespace replicant::ui {

// How a prediction status looks: its badge tone, label and whether it is in progress.
struct StatusStyle {
    widgets::Badge::Tone tone;
    QString label;
    bool busy;
};
StatusStyle statusStyle(const QString& status);

// A fixed red and muted grey for messages, readable on either theme's Base colour.
QString errorStyleSheet(const QPalette& palette);

// "2 min ago", "yesterday", or a date, for list columns.
QString relativeTime(const class QDateTime& time);

}  // namespace replicant::ui

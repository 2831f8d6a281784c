#include "number_field.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSlider>

#include <cmath>
#include <optional>

namespace replicant::widgets {

namespace {
// Far enough for seeds (often 0..2^32 or unbounded) yet exact in a double.
constexpr double kUnbounded = 1e15;

std::optional<double> numberAt(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

// Decimal places a value is written with (0.05 -> 2), capped.
int decimalsOf(double x) {
    for (int d = 0; d < 6; ++d) {
        const double scaled = x * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-9)
            return d;
    }
    return 6;
}

QString number(double x) {
    return QString::number(x, 'g', 12);
}
}  // namespace

NumberField::NumberField(const QString& name, const QJsonObject& schema, bool required,
                         QWidget* parent)
    : SchemaField(name, schema, parent),
      m_spin(new QDoubleSpinBox(this)),
      m_integer(schema.value(QLatin1String("type")).toString() == QLatin1String("integer")) {
    m_spin->setObjectName(QStringLiteral("editor"));
    m_spin->setAccelerated(true);
    m_spin->setMinimumWidth(120);
    m_spin->setKeyboardTracking(false);

    const bool exclusiveMin = schema.value(QLatin1String("exclusiveMinimum")).toBool();
    const bool exclusiveMax = schema.value(QLatin1String("exclusiveMaximum")).toBool();
    std::optional<double> min = numberAt(schema, "minimum");
    std::optional<double> max = numberAt(schema, "maximum");
    if (!min)
        min = numberAt(schema, "exclusiveMinimum");
    if (!max)
        max = numberAt(schema, "exclusiveMaximum");
    const std::optional<double> step = numberAt(schema, "multipleOf");
    const QJsonValue fallback = schema.value(QLatin1String("default"));

    int decimals = 0;
    if (!m_integer) {
        decimals = 2;
        for (const auto& x : {min, max, step, std::optional<double>(fallback.toDouble())}) {
            if (x)
                decimals = std::max(decimals, decimalsOf(*x));
        }
    }
    m_spin->setDecimals(decimals);
    double singleStep = step.value_or(m_integer ? 1.0 : 0.1);
    if (!step && min && max && !m_integer && *max - *min <= 1.0)
        singleStep = 0.01;
    m_spin->setSingleStep(singleStep);

    m_min = min.value_or(-kUnbounded);
    m_max = max.value_or(kUnbounded);
    // Integers with exclusive bounds: the nearest allowed integers. Numbers keep the bound; the
    // validation tells the user it is excluded.
    if (m_integer && exclusiveMin && min)
        m_min = std::floor(*min) + 1;
    if (m_integer && exclusiveMax && max)
        m_max = std::ceil(*max) - 1;
    m_canUnset = !required && (fallback.isUndefined() || fallback.isNull());
    m_spin->setRange(m_canUnset ? m_min - singleStep : m_min, m_max);
    if (m_canUnset)
        m_spin->setSpecialValueText(tr("not set"));
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this] {
        syncSlider();
        emit changed();
    });

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    if (min && max) {
        m_slider = new QSlider(Qt::Horizontal, this);
        m_slider->setObjectName(QStringLiteral("slider"));
        m_sliderSteps = m_integer ? int(std::min(1000.0, m_max - m_min)) : 1000;
        m_slider->setRange(0, std::max(1, m_sliderSteps));
        connect(m_slider, &QSlider::valueChanged, this, &NumberField::sliderMoved);
        layout->addWidget(m_slider, 1);
        layout->addWidget(m_spin);
    } else {
        layout->addWidget(m_spin);
        layout->addStretch(1);
    }
    setFocusProxy(m_spin);
    resetToDefault();
}

bool NumberField::isUnset() const {
    return m_canUnset && m_spin->value() <= m_spin->minimum();
}

QJsonValue NumberField::value() const {
    if (isUnset())
        return QJsonValue::Undefined;
    const double v = m_spin->value();
    if (m_integer)
        return QJsonValue(qint64(std::llround(v)));
    return QJsonValue(v);
}

void NumberField::setValue(const QJsonValue& value) {
    if (!value.isDouble()) {
        m_spin->setValue(m_canUnset ? m_spin->minimum() : std::clamp(0.0, m_min, m_max));
        syncSlider();
        return;
    }
    m_spin->setValue(value.toDouble());
    syncSlider();
}

void NumberField::syncSlider() {
    if (!m_slider || m_syncing)
        return;
    m_syncing = true;
    const double v = std::clamp(m_spin->value(), m_min, m_max);
    const double fraction = m_max > m_min ? (v - m_min) / (m_max - m_min) : 0.0;
    m_slider->setValue(int(std::lround(fraction * m_sliderSteps)));
    m_syncing = false;
}

void NumberField::sliderMoved(int position) {
    if (m_syncing)
        return;
    m_syncing = true;
    double v = m_min + (m_max - m_min) * position / std::max(1, m_sliderSteps);
    const double step = m_spin->singleStep();
    if (step > 0)
        v = std::clamp(m_min + std::round((v - m_min) / step) * step, m_min, m_max);
    if (m_integer)
        v = std::round(v);
    m_spin->setValue(v);
    m_syncing = false;
}

QString NumberField::typeHint() const {
    const QString type = m_integer ? tr("integer") : tr("number");
    const bool hasMin = m_min > -kUnbounded;
    const bool hasMax = m_max < kUnbounded;
    if (hasMin && hasMax)
        return tr("%1, %2 to %3").arg(type, number(m_min), number(m_max));
    if (hasMin)
        return tr("%1, at least %2").arg(type, number(m_min));
    if (hasMax)
        return tr("%1, at most %2").arg(type, number(m_max));
    return type;
}

}  // namespace replicant::widgets

#include "before_after_accessible.h"

#include <QAccessibleWidget>

#include "replicant/widgets/before_after_slider.h"

namespace replicant::widgets {

namespace {
class BeforeAfterAccessible : public QAccessibleWidget, public QAccessibleValueInterface {
public:
    explicit BeforeAfterAccessible(BeforeAfterSlider* slider)
        : QAccessibleWidget(slider, QAccessible::Slider) {}

    void* interface_cast(QAccessible::InterfaceType type) override {
        if (type == QAccessible::ValueInterface)
            return static_cast<QAccessibleValueInterface*>(this);
        return QAccessibleWidget::interface_cast(type);
    }

    QVariant currentValue() const override { return qRound(slider()->position() * 100); }
    void setCurrentValue(const QVariant& value) override {
        slider()->setPosition(value.toDouble() / 100.0);
    }
    QVariant maximumValue() const override { return 100; }
    QVariant minimumValue() const override { return 0; }
    QVariant minimumStepSize() const override { return BeforeAfterSlider::kSmallStep * 100; }

private:
    BeforeAfterSlider* slider() const { return static_cast<BeforeAfterSlider*>(widget()); }
};
}  // namespace

QAccessibleInterface* beforeAfterAccessibleFactory(const QString& className, QObject* object) {
    if (className == QLatin1String("replicant::widgets::BeforeAfterSlider") && object &&
        object->isWidgetType())
        return new BeforeAfterAccessible(static_cast<BeforeAfterSlider*>(object));
    return nullptr;
}

}  // namespace replicant::widgets

#pragma once

class QAccessibleInterface;
class QObject;
class QString;

namespace replicant::widgets {

// The accessibility factory for BeforeAfterSlider: a slider role whose value (0 to 100, in
// percent) is the divider's position and can be set by assistive technology.
QAccessibleInterface* beforeAfterAccessibleFactory(const QString& className, QObject* object);

}  // namespace replicant::widgets

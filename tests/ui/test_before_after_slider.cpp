// The before/after slider: the divider follows the mouse, touch and keys; images of different
// sizes share one frame; zoom and pan are shared by both sides and can be synced between two
// sliders; what is painted on each side of the divider is the right image.
#include <QAccessible>
#include <QSignalSpy>
#include <QtTest>

#include "replicant/widgets/before_after_slider.h"

using replicant::widgets::BeforeAfterSlider;

namespace {
QImage filled(QSize size, QColor color) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    return image;
}

BeforeAfterSlider* makeSlider(QSize widget = {400, 300}) {
    auto* slider = new BeforeAfterSlider;
    slider->resize(widget);
    slider->setImages(filled({200, 150}, Qt::red), filled({200, 150}, Qt::blue));
    slider->show();
    return slider;
}

void compareNear(double actual, double expected, double tolerance = 0.011) {
    QVERIFY2(std::abs(actual - expected) <= tolerance,
             qPrintable(QStringLiteral("%1 is not %2").arg(actual).arg(expected)));
}
}  // namespace

class BeforeAfterSliderTest : public QObject {
    Q_OBJECT

private slots:
    void startsHalfwayAndClampsPositions();
    void clickJumpsAndDragFollows();
    void keysStepAndJump();
    void touchMovesTheDivider();
    void paintsBeforeLeftAndAfterRight();
    void differentSizesShareTheLargerImagesFrame();
    void wheelZoomsAroundTheCursorAndCtrlDragPans();
    void twoSlidersStayInStep();
    void accessibleValueFollowsTheDivider();
    void emptyImagesPaintWithoutCrashing();
};

void BeforeAfterSliderTest::startsHalfwayAndClampsPositions() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    QCOMPARE(slider->position(), 0.5);
    QSignalSpy spy(slider.get(), &BeforeAfterSlider::positionChanged);
    slider->setPosition(1.7);
    QCOMPARE(slider->position(), 1.0);
    slider->setPosition(-3);
    QCOMPARE(slider->position(), 0.0);
    slider->setPosition(std::nan(""));
    QCOMPARE(slider->position(), 0.5);
    QCOMPARE(spy.count(), 3);
    slider->setPosition(0.5);  // unchanged: no signal
    QCOMPARE(spy.count(), 3);
}

void BeforeAfterSliderTest::clickJumpsAndDragFollows() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    const QRectF frame = slider->frameRect();
    // 400x300 widget, 8 px margins: a 4:3 frame of 373.3 x 284 centred.
    QVERIFY(frame.width() > 360 && frame.height() > 270);
    const int y = int(frame.center().y());
    QTest::mouseClick(slider.get(), Qt::LeftButton, {},
                      QPoint(int(frame.left() + frame.width() / 4), y));
    compareNear(slider->position(), 0.25);
    compareNear(slider->dividerX(), frame.left() + frame.width() / 4, 1.0);

    QTest::mousePress(slider.get(), Qt::LeftButton, {}, QPoint(int(frame.left() + 10), y));
    QMouseEvent move(QEvent::MouseMove, QPointF(frame.left() + frame.width() * 0.8, y),
                     slider->mapToGlobal(QPointF(frame.left() + frame.width() * 0.8, y)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(slider.get(), &move);
    compareNear(slider->position(), 0.8);
    QTest::mouseRelease(slider.get(), Qt::LeftButton, {},
                        QPoint(int(frame.left() + frame.width() * 0.8), y));
    // Beyond the frame clamps.
    QTest::mouseClick(slider.get(), Qt::LeftButton, {}, QPoint(2, y));
    QCOMPARE(slider->position(), 0.0);
}

void BeforeAfterSliderTest::keysStepAndJump() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    slider->setFocus();
    QTest::keyClick(slider.get(), Qt::Key_Right);
    compareNear(slider->position(), 0.51, 1e-9);
    QTest::keyClick(slider.get(), Qt::Key_Left);
    QTest::keyClick(slider.get(), Qt::Key_Left);
    compareNear(slider->position(), 0.49, 1e-9);
    QTest::keyClick(slider.get(), Qt::Key_Right, Qt::ShiftModifier);
    compareNear(slider->position(), 0.59, 1e-9);
    QTest::keyClick(slider.get(), Qt::Key_Home);
    QCOMPARE(slider->position(), 0.0);
    QTest::keyClick(slider.get(), Qt::Key_Left);
    QCOMPARE(slider->position(), 0.0);
    QTest::keyClick(slider.get(), Qt::Key_End);
    QCOMPARE(slider->position(), 1.0);
    // +, - and 0 zoom both images.
    QTest::keyClick(slider.get(), Qt::Key_Plus);
    compareNear(slider->zoom(), BeforeAfterSlider::kZoomStep, 1e-9);
    QTest::keyClick(slider.get(), Qt::Key_0);
    QCOMPARE(slider->zoom(), 1.0);
}

void BeforeAfterSliderTest::touchMovesTheDivider() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    QPointingDevice* device = QTest::createTouchDevice();
    const QRectF frame = slider->frameRect();
    const QPoint at(int(frame.left() + frame.width() * 0.3), int(frame.center().y()));
    QTest::touchEvent(slider.get(), device).press(0, at, slider.get());
    compareNear(slider->position(), 0.3);
    QTest::touchEvent(slider.get(), device)
        .move(0, at + QPoint(int(frame.width() * 0.4), 0), slider.get());
    compareNear(slider->position(), 0.7);
    QTest::touchEvent(slider.get(), device)
        .release(0, at + QPoint(int(frame.width() * 0.4), 0), slider.get());

    // Two fingers spread apart: both images zoom (twice as far apart: twice the zoom); the
    // divider stays.
    const double position = slider->position();
    const QPoint c = frame.center().toPoint();
    QTest::touchEvent(slider.get(), device)
        .press(0, c - QPoint(20, 0), slider.get())
        .press(1, c + QPoint(20, 0), slider.get());
    QTest::touchEvent(slider.get(), device)
        .move(0, c - QPoint(40, 0), slider.get())
        .move(1, c + QPoint(40, 0), slider.get());
    QTest::touchEvent(slider.get(), device)
        .release(0, c - QPoint(40, 0), slider.get())
        .release(1, c + QPoint(40, 0), slider.get());
    compareNear(slider->zoom(), 2.0, 1e-6);
    QCOMPARE(slider->position(), position);
}

void BeforeAfterSliderTest::paintsBeforeLeftAndAfterRight() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    slider->setLabels(QString(), QString());  // no captions over the sampled pixels
    slider->setPosition(0.5);
    const QImage shot = slider->grab().toImage();
    const QRectF frame = slider->frameRect();
    const int y = int(frame.bottom() - 20);
    QCOMPARE(QColor(shot.pixel(int(frame.left() + 20), y)), QColor(Qt::red));
    QCOMPARE(QColor(shot.pixel(int(frame.right() - 20), y)), QColor(Qt::blue));
    slider->setPosition(0.1);
    const QImage moved = slider->grab().toImage();
    QCOMPARE(QColor(moved.pixel(int(frame.center().x()), y)), QColor(Qt::blue));
}

void BeforeAfterSliderTest::differentSizesShareTheLargerImagesFrame() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider({500, 500}));
    // An input and its 2x upscale: the same rectangle on screen.
    slider->setImages(filled({100, 50}, Qt::red), filled({200, 100}, Qt::blue));
    QCOMPARE(slider->beforeRect(), slider->afterRect());
    QCOMPARE(slider->frameRect(), slider->afterRect());
    compareNear(slider->frameRect().width() / slider->frameRect().height(), 2.0, 1e-9);

    // A square "after" beside a wide, larger "before": the frame is the wide one, the square is
    // fitted inside it at full height and centred.
    slider->setImages(filled({400, 100}, Qt::red), filled({90, 90}, Qt::blue));
    const QRectF frame = slider->frameRect();
    compareNear(frame.width() / frame.height(), 4.0, 1e-9);
    QCOMPARE(slider->beforeRect(), frame);
    const QRectF after = slider->afterRect();
    compareNear(after.height(), frame.height(), 1e-9);
    compareNear(after.width(), frame.height(), 1e-9);
    compareNear(after.center().x(), frame.center().x(), 1e-9);
    QVERIFY(frame.contains(after));
}

void BeforeAfterSliderTest::wheelZoomsAroundTheCursorAndCtrlDragPans() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    const QRectF before = slider->frameRect();
    const QPointF cursor(before.left() + before.width() * 0.25, before.top() + before.height() / 4);
    const QPointF anchor((cursor.x() - before.left()) / before.width(),
                         (cursor.y() - before.top()) / before.height());
    QSignalSpy views(slider.get(), &BeforeAfterSlider::viewChanged);
    QWheelEvent wheel(cursor, slider->mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(slider.get(), &wheel);
    compareNear(slider->zoom(), BeforeAfterSlider::kZoomStep * BeforeAfterSlider::kZoomStep, 1e-9);
    QCOMPARE(views.count(), 1);
    // The frame point under the cursor did not move.
    const QRectF after = slider->frameRect();
    compareNear(after.left() + anchor.x() * after.width(), cursor.x(), 0.5);
    compareNear(after.top() + anchor.y() * after.height(), cursor.y(), 0.5);
    // Both images are drawn at the one zoom.
    QCOMPARE(slider->beforeRect(), slider->afterRect());

    // Ctrl+drag pans (and does not move the divider).
    const double position = slider->position();
    const QPointF start = slider->frameRect().topLeft();
    QTest::mousePress(slider.get(), Qt::LeftButton, Qt::ControlModifier, QPoint(200, 150));
    QMouseEvent move(QEvent::MouseMove, QPointF(230, 160), slider->mapToGlobal(QPointF(230, 160)),
                     Qt::NoButton, Qt::LeftButton, Qt::ControlModifier);
    QApplication::sendEvent(slider.get(), &move);
    QTest::mouseRelease(slider.get(), Qt::LeftButton, Qt::ControlModifier, QPoint(230, 160));
    compareNear(slider->frameRect().left() - start.x(), 30, 0.5);
    compareNear(slider->frameRect().top() - start.y(), 10, 0.5);
    QCOMPARE(slider->position(), position);

    // Zooming out to fit recentres.
    slider->resetView();
    QCOMPARE(slider->frameRect(), before);
}

void BeforeAfterSliderTest::twoSlidersStayInStep() {
    std::unique_ptr<BeforeAfterSlider> a(makeSlider());
    std::unique_ptr<BeforeAfterSlider> b(makeSlider({200, 150}));
    QObject::connect(a.get(), &BeforeAfterSlider::viewChanged, b.get(),
                     &BeforeAfterSlider::setView);
    QObject::connect(b.get(), &BeforeAfterSlider::viewChanged, a.get(),
                     &BeforeAfterSlider::setView);
    a->setView(4, {0.3, 0.6});
    QCOMPARE(b->zoom(), 4.0);
    QCOMPARE(b->center(), QPointF(0.3, 0.6));
    b->zoomOut();
    QCOMPARE(a->zoom(), b->zoom());
    QCOMPARE(a->center(), b->center());
    // A view off the frame is pulled back onto it.
    a->setView(2, {0.0, 1.0});
    QCOMPARE(a->center(), QPointF(0.25, 0.75));
    QCOMPARE(b->center(), QPointF(0.25, 0.75));
}

void BeforeAfterSliderTest::accessibleValueFollowsTheDivider() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    slider->setPosition(0.42);
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(slider.get());
    QVERIFY(iface);
    QCOMPARE(iface->role(), QAccessible::Slider);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Before and after comparison"));
    QAccessibleValueInterface* value = iface->valueInterface();
    QVERIFY(value);
    QCOMPARE(value->currentValue().toInt(), 42);
    value->setCurrentValue(75);
    QCOMPARE(slider->position(), 0.75);
    QVERIFY(slider->accessibleDescription().contains(QStringLiteral("75%")));
}

void BeforeAfterSliderTest::emptyImagesPaintWithoutCrashing() {
    std::unique_ptr<BeforeAfterSlider> slider(makeSlider());
    slider->setImages(QImage(), filled({30, 10}, Qt::green));
    QVERIFY(!slider->grab().isNull());
    compareNear(slider->frameRect().width() / slider->frameRect().height(), 3.0, 1e-9);
    slider->setImages(QImage(), QImage());
    QVERIFY(!slider->grab().isNull());
    slider->resize(0, 0);
    slider->setPosition(0.2);
    QVERIFY(!slider->grab().isNull());
}

QTEST_MAIN(BeforeAfterSliderTest)
#include "test_before_after_slider.moc"

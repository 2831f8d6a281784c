#include "replicant/widgets/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>
#include <QToolTip>

namespace replicant::widgets {

namespace {
bool isDarkPalette(const QPalette& p) {
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

// Before Qt 6.5 there is no colour-scheme API. The palette the platform theme gave the
// application before any Theme replaced it is the next best hint (KDE, for one, fills it from
// the desktop's colours); without a platform theme it is the light default.
bool platformPaletteIsDark() {
    static const bool dark = isDarkPalette(QGuiApplication::palette());
    return dark;
}
}  // namespace

Theme::Theme(Mode mode, QObject* parent) : QObject(parent), m_mode(mode) {
    Q_ASSERT_X(qobject_cast<QApplication*>(QCoreApplication::instance()), "Theme",
               "needs a QApplication");
    platformPaletteIsDark();  // capture it before the first apply() replaces it
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, [this] {
        if (m_mode == Mode::System)
            apply();
    });
#endif
    apply();
}

void Theme::setMode(Mode mode) {
    if (mode == m_mode)
        return;
    m_mode = mode;
    apply();
    emit modeChanged(mode);
}

bool Theme::systemPrefersDark() {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const auto scheme = QGuiApplication::styleHints()->colorScheme();
    if (scheme != Qt::ColorScheme::Unknown)
        return scheme == Qt::ColorScheme::Dark;
#endif
    return platformPaletteIsDark();
}

void Theme::apply() {
    m_dark = m_mode == Mode::Dark || (m_mode == Mode::System && systemPrefersDark());
    // Fusion draws everything from the palette, so one palette themes every widget alike.
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QPalette palette = m_dark ? darkPalette() : lightPalette();
    QApplication::setPalette(palette);
    // Fusion outlines text fields and frames in the Window colour made darker, which vanishes on
    // a dark Base. Editors and framed views get a Window colour whose darker shade reads as a
    // border there; in the light theme they keep the application palette.
    QPalette framed = palette;
    if (m_dark)
        framed.setColor(QPalette::Window, QColor(0x6a, 0x70, 0x7a));
    for (const char* type : {"QLineEdit", "QAbstractSpinBox", "QPlainTextEdit", "QTextEdit",
                             "QTreeView", "QTableView"})
        QApplication::setPalette(framed, type);
    QToolTip::setPalette(palette);
    emit changed(m_dark);
}

QString Theme::modeName(Mode mode) {
    switch (mode) {
        case Mode::Light:
            return QStringLiteral("light");
        case Mode::Dark:
            return QStringLiteral("dark");
        case Mode::System:
            break;
    }
    return QStringLiteral("system");
}

std::optional<Theme::Mode> Theme::modeFromName(QStringView name) {
    for (const Mode mode : {Mode::Light, Mode::Dark, Mode::System}) {
        if (name.compare(modeName(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

}  // namespace replicant::widgets

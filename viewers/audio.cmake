# The audio and video players (included from CMakeLists.txt): a separate target, so that builds
# without Qt Multimedia still have every other viewer. REPLICANT_HAVE_AUDIO and
# REPLICANT_HAVE_VIDEO tell its users.
find_package(Qt6 6.4 QUIET COMPONENTS Multimedia MultimediaWidgets)
if(TARGET Qt6::Multimedia)
  add_library(replicant_audio STATIC
    include/replicant/viewers/audio_player.h
    src/audio_player.cpp
    src/media_transport.cpp
    src/media_transport.h
    src/qt_media_setup.h
  )
  set_target_properties(replicant_audio PROPERTIES AUTOMOC ON)
  target_include_directories(replicant_audio
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>)
  target_link_libraries(replicant_audio PUBLIC Qt6::Widgets PRIVATE Qt6::Multimedia)
  target_compile_definitions(replicant_audio INTERFACE REPLICANT_HAVE_AUDIO=1)
  if(TARGET Qt6::MultimediaWidgets)
    target_sources(replicant_audio PRIVATE
      include/replicant/viewers/video_player.h
      src/video_player.cpp)
    target_link_libraries(replicant_audio PRIVATE Qt6::MultimediaWidgets)
    target_compile_definitions(replicant_audio INTERFACE REPLICANT_HAVE_VIDEO=1)
  else()
    message(STATUS "Qt Multimedia Widgets not found: video outputs get a Save button only")
  endif()
  replicant_warnings(replicant_audio)
else()
  message(STATUS "Qt Multimedia not found: audio and video outputs get a Save button but no player")
endif()

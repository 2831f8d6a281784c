# The audio player (included from CMakeLists.txt): a separate target, so that builds without
# Qt Multimedia still have every other viewer. REPLICANT_HAVE_AUDIO tells its users.
find_package(Qt6 6.4 QUIET COMPONENTS Multimedia)
if(TARGET Qt6::Multimedia)
  add_library(replicant_audio STATIC
    include/replicant/viewers/audio_player.h
    src/audio_player.cpp
  )
  set_target_properties(replicant_audio PROPERTIES AUTOMOC ON)
  target_include_directories(replicant_audio
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>)
  target_link_libraries(replicant_audio PUBLIC Qt6::Widgets PRIVATE Qt6::Multimedia)
  target_compile_definitions(replicant_audio INTERFACE REPLICANT_HAVE_AUDIO=1)
  replicant_warnings(replicant_audio)
else()
  message(STATUS "Qt Multimedia not found: audio outputs get a Save button but no player")
endif()

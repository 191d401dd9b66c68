// Product pictures as GPU textures, loaded lazily: the first frame that wants an image asks the
// page to decode it; later frames draw it once it has arrived. Until then callers draw a placeholder.
#pragma once

#include <imgui.h>

#include <string>

namespace app {

// Texture for an image served by our proxy (e.g. "/images/CARD-CASHBACK.png"), or nullptr while
// it is loading or if it failed to load.
ImTextureID product_texture(const std::string& url);

}  // namespace app

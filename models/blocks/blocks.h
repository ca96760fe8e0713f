// Umbrella header for the shared building blocks (each block has its own header next to this one).
#pragma once

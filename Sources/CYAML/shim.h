// The system libyaml (pkg-config yaml-0.1; apt: libyaml-dev, brew: libyaml).
#include <yaml.h>

#include "workflow/model.hpp"

namespace gump::workflow {

const char* to_string(StepKind kind) {
    switch (kind) {
    case StepKind::plan:
        return "plan";
    case StepKind::code:
        return "code";
    case StepKind::review:
        return "review";
    case StepKind::gate:
        return "gate";
    case StepKind::group:
        return "group";
    }
    return "?";
}

} // namespace gump::workflow

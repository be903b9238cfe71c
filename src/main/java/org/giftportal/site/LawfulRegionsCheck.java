package org.giftportal.site;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Refuses to start a portal whose regions break their jurisdiction's law (see {@link Jurisdiction}): one line per
 * problem, each naming the setting to change. Unlike the production checks this runs in dev mode and tests too: an
 * unlawful expiry is wrong whatever the profile. Messages avoid braces and dollar signs, which the validator would
 * interpret.
 */
public class LawfulRegionsCheck implements ConstraintValidator<LawfulRegions, PortalConfig> {

    @Override
    public boolean isValid(PortalConfig config, ConstraintValidatorContext context) {
        List<String> problems = problems(config.regions());
        if (problems.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("The portal can't start: its regions break the law where they sell:"
                + problems.stream().map(problem -> "\n\t- " + problem).collect(Collectors.joining()))
                .addConstraintViolation();
        return false;
    }

    /** Everything unlawful about the regions, a line each, in region order. */
    public static List<String> problems(Map<String, PortalConfig.RegionConfig> regions) {
        List<String> problems = new ArrayList<>();
        new java.util.TreeMap<>(regions).forEach((code, region) -> {
            String setting = "portal.regions." + code;
            Optional<Jurisdiction> jurisdiction = Jurisdiction.of(region.jurisdiction());
            if (jurisdiction.isEmpty()) {
                problems.add(setting + ".jurisdiction=" + region.jurisdiction() + " is not a jurisdiction the portal"
                        + " knows (see docs/finance.md for the table and how to add one)");
                return;
            }
            if (!jurisdiction.get().currency().equals(region.currency())) {
                problems.add(setting + ".currency=" + region.currency() + " is not the currency of its jurisdiction "
                        + jurisdiction.get().key() + " (" + jurisdiction.get().currency() + ")");
            }
            jurisdiction.get().validityProblem(region.cardValidity())
                    .ifPresent(problem -> problems.add(setting + ".card-validity: " + problem));
        });
        return problems;
    }
}

package io.kargotakip.local;

import io.kargotakip.emulators.CloudFormationYaml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What {@code template.yaml} says about each function that the local runtime must honour: timeout,
 * memory, reserved concurrency, its SQS event sources (queue, batch size, maximum concurrency, the
 * queue's visibility timeout), its HTTP routes and the log groups subscribed to it (subscription filters whose
 * condition holds for the parameters given). Values are read as deployed in JVM mode (the
 * {@code IsNative} condition is false locally) with parameters at their defaults.
 */
public record LambdaTemplate(Map<String, Function> functions) {

    /** One function, named by its module ({@code functions/<name>}). */
    /**
     * @param logGroups the CloudWatch Logs groups whose records it is subscribed to, named as on AWS in this
     *                  runtime's region and account ({@code sns/us-east-1/000000000000/DirectPublishToPhoneNumber})
     */
    public record Function(String name, Duration timeout, int memoryMb, OptionalInt reservedConcurrency,
                           List<SqsSource> sqsSources, List<String> routes, List<String> logGroups) {

        /**
         * How many instances may run at once by the template: its reserved concurrency, and, when every event source
         * has a maximum concurrency, their sum (each source's pollers invoke up to its own maximum).
         */
        public OptionalInt concurrencyLimit() {
            long sources = sqsSources.isEmpty() || sqsSources.stream().anyMatch(s -> s.maximumConcurrency().isEmpty()) ? Integer.MAX_VALUE
                    : sqsSources.stream().mapToLong(s -> s.maximumConcurrency().getAsInt()).sum();
            int limit = (int) Math.min(reservedConcurrency.orElse(Integer.MAX_VALUE), sources);
            return limit == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(limit);
        }
    }

    /** An SQS event source: the queue's name without the stack prefix, e.g. {@code raw-events}. */
    public record SqsSource(String queue, int batchSize, OptionalInt maximumConcurrency, Duration visibilityTimeout) {
    }

    public Function function(String name) {
        Function f = functions.get(name);
        if (f == null) {
            throw new IllegalArgumentException("template.yaml has no function for module " + name);
        }
        return f;
    }

    public static LambdaTemplate read(Path file) {
        return read(file, Map.of());
    }

    /**
     * @param parameters parameter values as a deployment would give them (the rest at their defaults): they decide
     *                   which of the template's conditional log subscriptions exist and name their groups
     */
    public static LambdaTemplate read(Path file, Map<String, String> parameters) {
        return new Resolver(CloudFormationYaml.load(file), parameters).read();
    }

    /** Resolves the few intrinsic functions the values use. */
    private static final class Resolver {
        private final Map<String, Object> parameters;
        private final Map<String, Object> resources;
        private final Map<String, Object> globals;
        private final Map<String, Object> conditions;
        private final Map<String, String> given;

        Resolver(Map<String, Object> template, Map<String, String> given) {
            this.parameters = map(template.get("Parameters"));
            this.resources = map(template.get("Resources"));
            this.globals = map(map(template.get("Globals")).get("Function"));
            this.conditions = map(template.get("Conditions"));
            this.given = Map.copyOf(given);
        }

        /** The log groups each function's subscription filters deliver (those whose condition holds), by function id. */
        private Map<String, List<String>> subscriptions() {
            Map<String, List<String>> byFunction = new LinkedHashMap<>();
            resources.forEach((id, r) -> {
                Map<String, Object> resource = map(r);
                if (!"AWS::Logs::SubscriptionFilter".equals(resource.get("Type"))
                        || resource.containsKey("Condition") && !holds(String.valueOf(resource.get("Condition")))) {
                    return;
                }
                Map<String, Object> p = map(resource.get("Properties"));
                Object att = map(p.get("DestinationArn")).get("Fn::GetAtt");
                if (att instanceof List<?> l && !l.isEmpty()) {
                    byFunction.computeIfAbsent(String.valueOf(l.get(0)), k -> new ArrayList<>()).add(logGroupName(p.get("LogGroupName")));
                }
            });
            return byFunction;
        }

        /** A condition of the template, for the parameters given: {@code Fn::Not}, {@code Fn::Equals}, {@code Fn::Or}, {@code Fn::And}. */
        private boolean holds(String condition) {
            return truth(conditions.get(condition));
        }

        private boolean truth(Object expression) {
            Map<String, Object> m = map(expression);
            if (m.containsKey("Condition")) {
                return holds(String.valueOf(m.get("Condition")));
            }
            List<?> args = m.values().stream().findFirst().filter(List.class::isInstance).map(List.class::cast).orElse(List.of());
            if (m.containsKey("Fn::Not")) {
                return !truth(args.get(0));
            }
            if (m.containsKey("Fn::Or")) {
                return args.stream().anyMatch(this::truth);
            }
            if (m.containsKey("Fn::And")) {
                return args.stream().allMatch(this::truth);
            }
            if (m.containsKey("Fn::Equals")) {
                return String.valueOf(value(args.get(0))).equals(String.valueOf(value(args.get(1))));
            }
            throw new IllegalArgumentException("template condition the local runtime cannot evaluate: " + expression);
        }

        /** A parameter's value as given, else its default; {@code Fn::Select} of {@code Fn::Split}; a literal. */
        private Object value(Object v) {
            Map<String, Object> m = map(v);
            if (m.containsKey("Ref")) {
                String name = String.valueOf(m.get("Ref"));
                return given.containsKey(name) ? given.get(name) : map(parameters.get(name)).getOrDefault("Default", "");
            }
            if (m.get("Fn::Select") instanceof List<?> select) {
                List<?> split = (List<?>) map(select.get(1)).get("Fn::Split");
                String[] parts = String.valueOf(value(split.get(1))).split(java.util.regex.Pattern.quote(String.valueOf(split.get(0))), -1);
                int index = Integer.parseInt(String.valueOf(select.get(0)));
                return index < parts.length ? parts[index] : "";
            }
            return v;
        }

        LambdaTemplate read() {
            Map<String, Function> functions = new LinkedHashMap<>();
            Map<String, List<String>> subscribed = subscriptions();
            resources.forEach((id, r) -> {
                Map<String, Object> resource = map(r);
                if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                    return;
                }
                Map<String, Object> p = map(resource.get("Properties"));
                String codeUri = String.valueOf(p.get("CodeUri"));
                String name = codeUri.replaceFirst("^functions/([^/]+)/.*$", "$1");
                Duration timeout = Duration.ofSeconds(number(p.getOrDefault("Timeout", globals.get("Timeout"))));
                int memory = (int) number(p.getOrDefault("MemorySize", globals.get("MemorySize")));
                OptionalInt reserved = p.containsKey("ReservedConcurrentExecutions")
                        ? OptionalInt.of((int) number(p.get("ReservedConcurrentExecutions"))) : OptionalInt.empty();
                List<SqsSource> sources = new ArrayList<>();
                List<String> routes = new ArrayList<>();
                List<String> logGroups = subscribed.getOrDefault(id, List.of());
                map(p.get("Events")).values().forEach(e -> {
                    Map<String, Object> event = map(e);
                    Map<String, Object> ep = map(event.get("Properties"));
                    switch (String.valueOf(event.get("Type"))) {
                        case "SQS" -> {
                            String queueId = String.valueOf(((List<?>) map(ep.get("Queue")).get("Fn::GetAtt")).get(0));
                            Map<String, Object> queue = map(map(resources.get(queueId)).get("Properties"));
                            Map<String, Object> scaling = map(ep.get("ScalingConfig"));
                            sources.add(new SqsSource(queueName(queue.get("QueueName")), (int) number(ep.getOrDefault("BatchSize", 10)),
                                    scaling.containsKey("MaximumConcurrency") ? OptionalInt.of((int) number(scaling.get("MaximumConcurrency")))
                                            : OptionalInt.empty(),
                                    Duration.ofSeconds(number(queue.getOrDefault("VisibilityTimeout", 30)))));
                        }
                        case "HttpApi" -> routes.add(String.valueOf(ep.get("Method")).toUpperCase(Locale.ROOT) + " " + ep.get("Path"));
                        default -> { } // the schedule is the local platform's own timer
                    }
                });
                functions.put(name, new Function(name, timeout, memory, reserved, List.copyOf(sources), List.copyOf(routes),
                        List.copyOf(logGroups)));
            });
            return new LambdaTemplate(Map.copyOf(functions));
        }

        /** A number, a {@code !Ref} to a parameter (its default) or {@code !If [IsNative, native, jvm]} (JVM locally). */
        private long number(Object value) {
            Object v = resolve(value);
            if (v instanceof Number n) {
                return n.longValue();
            }
            return Long.parseLong(String.valueOf(v).trim());
        }

        private Object resolve(Object value) {
            if (value instanceof Map<?, ?> m) {
                if (m.containsKey("Ref")) {
                    return resolve(map(parameters.get(String.valueOf(m.get("Ref")))).get("Default"));
                }
                if (m.containsKey("Fn::If")) {
                    List<?> branches = (List<?>) m.get("Fn::If");
                    return resolve(branches.get(2)); // locally nothing is native
                }
            }
            return value;
        }

        /**
         * A {@code !Ref} to a log group of the template, or a name: its {@code !Sub} name in this runtime's region and
         * account, with the variables of a {@code !Sub [template, {variables}]} resolved.
         */
        private String logGroupName(Object value) {
            Object name = value instanceof Map<?, ?> m && m.containsKey("Ref")
                    ? map(map(resources.get(String.valueOf(m.get("Ref")))).get("Properties")).get("LogGroupName") : value;
            Object v = name instanceof Map<?, ?> m && m.containsKey("Fn::Sub") ? m.get("Fn::Sub") : name;
            String text = String.valueOf(v instanceof List<?> l ? l.get(0) : v);
            if (v instanceof List<?> l && l.size() > 1) {
                for (Map.Entry<String, Object> variable : map(l.get(1)).entrySet()) {
                    text = text.replace("${" + variable.getKey() + "}", String.valueOf(value(variable.getValue())));
                }
            }
            return text.replace("${AWS::Region}", io.kargotakip.local.runtime.LambdaRuntimeApi.REGION)
                    .replace("${AWS::AccountId}", io.kargotakip.local.runtime.LambdaRuntimeApi.ACCOUNT_ID);
        }

        /** {@code !Sub ${AWS::StackName}-raw-events} → {@code raw-events}. */
        private static String queueName(Object value) {
            Object v = value instanceof Map<?, ?> m && m.containsKey("Fn::Sub") ? m.get("Fn::Sub") : value;
            return String.valueOf(v).replace("${AWS::StackName}-", "");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}

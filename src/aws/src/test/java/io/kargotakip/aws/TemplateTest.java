package io.kargotakip.aws;

import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.emulators.CloudFormationYaml;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code template.yaml} against the code it deploys: modules and handlers, queue redrive and
 * visibility settings, partial batch failures, IAM without wildcard actions, the table layout of
 * {@link KargoTables}, log groups, and the resources the functions' environment variables name.
 * No AWS and no SAM CLI: the template is read as YAML with CloudFormation's short tags.
 */
class TemplateTest {

    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/function\\.zip");
    private static final Pattern HANDLER_SOURCE = Pattern.compile("implements\\s+RequestHandler\\s*<|@Path\\s*\\(");
    private static final Pattern QUEUE_ENV = Pattern.compile("KARGO_QUEUE_([A-Z0-9_]+)_URL");
    private static final Pattern TABLE_ENV = Pattern.compile("KARGO_TABLE_([A-Z0-9_]+)");

    private static Path root;
    private static Map<String, Object> template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void load() throws IOException {
        root = Emulators.projectRoot();
        template = CloudFormationYaml.load(root.resolve("template.yaml"));
        resources = map(template.get("Resources"));
    }

    @Test
    void isASamTemplate() {
        assertThat(template.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(functions()).as("functions").hasSize(8);
    }

    @Test
    void everyFunctionDescriptionFitsLambdasLimit() {
        functions().forEach((name, function) -> {
            Object description = properties(function).get("Description");
            assertThat(description).as("%s Description", name).isInstanceOf(String.class);
            assertThat(((String) description).length()).as("%s Description: Lambda takes at most 256 characters", name).isLessThanOrEqualTo(256);
        });
    }

    @Test
    void everyFunctionIsABuiltModuleWithAHandler() throws IOException {
        String rootPom = Files.readString(root.resolve("pom.xml"));
        Set<String> pomModules = new LinkedHashSet<>();
        Matcher modules = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(rootPom);
        while (modules.find()) {
            pomModules.add(modules.group(1));
        }
        Set<String> deployed = new TreeSet<>();
        functions().forEach((name, function) -> {
            Object codeUri = property(function, "CodeUri");
            assertThat(codeUri).as("%s CodeUri", name).isInstanceOf(String.class);
            Matcher m = CODE_URI.matcher((String) codeUri);
            assertThat(m.matches()).as("%s CodeUri %s is functions/<module>/target/function.zip", name, codeUri).isTrue();
            String module = "functions/" + m.group(1);
            deployed.add(module);
            assertThat(root.resolve(module).resolve("pom.xml")).as("%s pom", module).isRegularFile();
            assertThat(pomModules).as("modules of the root pom").contains(module);
            assertThat(handlerSources(root.resolve(module).resolve("src/main/java")))
                    .as("%s has a RequestHandler or a JAX-RS @Path resource", module).isNotEmpty();
            assertThat(property(function, "Handler")).as("%s Handler", name)
                    .isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        });
        assertThat(deployed).as("every function module of the root pom is deployed")
                .containsAll(pomModules.stream().filter(m -> m.startsWith("functions/")).toList());
    }

    @Test
    void everyWorkQueueHasADeadLetterQueueAndRoomForRetries() {
        Map<String, Object> queues = ofType("AWS::SQS::Queue");
        Set<String> dlqs = new TreeSet<>();
        queues.values().forEach(q -> {
            Object redrive = map(q).containsKey("Properties") ? properties(q).get("RedrivePolicy") : null;
            if (redrive != null) {
                dlqs.add(getAttArn(map(redrive).get("deadLetterTargetArn")));
            }
        });
        // and the on-failure destination of a function called asynchronously (a log subscription's), for what its retries left
        ofType("AWS::Lambda::EventInvokeConfig").values().forEach(c -> {
            String dlq = getAttArn(map(map(properties(c).get("DestinationConfig")).get("OnFailure")).get("Destination"));
            if (dlq != null) {
                dlqs.add(dlq);
            }
        });
        assertThat(queues.keySet()).as("dead-letter queues are queues of the template").containsAll(dlqs);

        Set<String> workQueueNames = new TreeSet<>();
        queues.forEach((name, queue) -> {
            Map<String, Object> p = properties(queue);
            assertThat(p.get("SqsManagedSseEnabled")).as("%s encrypted", name).isEqualTo(true);
            if (dlqs.contains(name)) {
                assertThat(p.get("MessageRetentionPeriod")).as("%s keeps messages 14 days", name).isEqualTo(1209600);
                assertThat(p).as("%s is a DLQ", name).doesNotContainKey("RedrivePolicy");
                return;
            }
            workQueueNames.add(queueName(p));
            Map<String, Object> redrive = map(p.get("RedrivePolicy"));
            assertThat(redrive).as("%s has a RedrivePolicy", name).isNotNull();
            assertThat(number(redrive.get("maxReceiveCount"))).as("%s maxReceiveCount", name)
                    .isGreaterThanOrEqualTo(KargoQueues.MAX_RECEIVE_COUNT);
            String dlq = getAttArn(redrive.get("deadLetterTargetArn"));
            long retention = number(p.getOrDefault("MessageRetentionPeriod", 345600));
            assertThat(number(properties(queues.get(dlq)).get("MessageRetentionPeriod")))
                    .as("%s: a message's age counts from its first enqueue, so its DLQ must keep it longer", name)
                    .isGreaterThan(retention);

            List<String> consumers = consumersOf(name);
            assertThat(consumers).as("%s is consumed by a function", name).isNotEmpty();
            long visibility = number(p.getOrDefault("VisibilityTimeout", 30));
            for (String consumer : consumers) {
                assertThat(visibility).as("%s VisibilityTimeout >= 6 x the Timeout of %s", name, consumer)
                        .isGreaterThanOrEqualTo(6 * timeout(consumer));
            }
        });
        assertThat(workQueueNames).as("the queues KargoQueues creates locally")
                .containsExactlyInAnyOrder(KargoQueues.NAMES);
    }

    @Test
    void everySqsEventReportsPartialBatchFailures() {
        int events = 0;
        for (Map.Entry<String, Object> function : functions().entrySet()) {
            for (Map.Entry<String, Object> event : events(function.getValue()).entrySet()) {
                Map<String, Object> e = map(event.getValue());
                if (!"SQS".equals(e.get("Type"))) {
                    continue;
                }
                events++;
                String where = function.getKey() + "." + event.getKey();
                Map<String, Object> p = map(e.get("Properties"));
                assertThat(list(p.get("FunctionResponseTypes"))).as("%s FunctionResponseTypes", where)
                        .contains("ReportBatchItemFailures");
                assertThat(resources).as("%s Queue is the ARN of a queue of the template", where)
                        .containsKey(getAttArn(p.get("Queue")));
                assertThat(number(p.get("BatchSize"))).as("%s BatchSize", where).isBetween(1L, 10L);
            }
        }
        assertThat(events).as("SQS events").isEqualTo(KargoQueues.NAMES.length);
    }

    @Test
    void smsAndPushDeliveryLogsReachTheChannelEventsQueueThroughTheirOwnFunction() {
        Map<String, Object> function = map(resources.get("DeliveryLogsFunction"));
        assertThat(function.get("Condition")).as("only with SMS or push on").isEqualTo("HasDeliveryLogs");
        Map<String, String> groups = new TreeMap<>();
        ofType("AWS::Logs::SubscriptionFilter").forEach((name, filter) -> {
            Map<String, Object> p = properties(filter);
            assertThat(getAttArn(p.get("DestinationArn"))).as("%s feeds the function", name).isEqualTo("DeliveryLogsFunction");
            assertThat(map(filter).get("DependsOn")).as("%s after the function may be invoked by Logs", name).isEqualTo("DeliveryLogsInvokePermission");
            String group = ref(p.get("LogGroupName"));
            assertThat(map(resources.get(group)).get("Condition")).as("%s exists exactly when its group does", name)
                    .isEqualTo(map(filter).get("Condition"));
            Object groupName = properties(resources.get(group)).get("LogGroupName");
            Object sub = map(groupName).get("Fn::Sub");
            groups.put(group, String.valueOf(sub instanceof List<?> l ? l.get(0) : sub));
            assertThat(ref(properties(resources.get(group)).get("RetentionInDays")))
                    .as("%s holds phone numbers or device tokens: the stack's retention", group).isEqualTo("LogRetentionDays");
        });
        assertThat(groups.values()).as("the groups SNS writes delivery status to: SMS, and each platform application's")
                .containsExactlyInAnyOrder(
                        "sns/${AWS::Region}/${AWS::AccountId}/DirectPublishToPhoneNumber",
                        "sns/${AWS::Region}/${AWS::AccountId}/DirectPublishToPhoneNumber/Failure",
                        "sns/${AWS::Region}/${AWS::AccountId}/app/${App}", "sns/${AWS::Region}/${AWS::AccountId}/app/${App}/Failure",
                        "sns/${AWS::Region}/${AWS::AccountId}/app/${App}", "sns/${AWS::Region}/${AWS::AccountId}/app/${App}/Failure",
                        "sns/${AWS::Region}/${AWS::AccountId}/app/${App}", "sns/${AWS::Region}/${AWS::AccountId}/app/${App}/Failure");
        Map<String, Object> permission = properties(resources.get("DeliveryLogsInvokePermission"));
        assertThat(permission.get("Principal")).isEqualTo("logs.amazonaws.com");
        assertThat(String.valueOf(permission.get("SourceArn"))).contains("log-group:sns/");
        assertThat(ref(environment(properties(function)).get("KARGO_QUEUE_CHANNEL_EVENTS_URL"))).isEqualTo("ChannelEventsQueue");
        Map<String, Object> failures = properties(resources.get("DeliveryLogsFailures"));
        assertThat(ref(failures.get("FunctionName"))).isEqualTo("DeliveryLogsFunction");
        String dlq = getAttArn(map(map(failures.get("DestinationConfig")).get("OnFailure")).get("Destination"));
        assertThat(dlq).as("what Lambda's retries could not forward").isEqualTo("DeliveryLogsDlq");
        assertThat(allows(statements(function), "sqs:SendMessage", dlq)).as("the function may send its failures there").isTrue();
        assertThat(consumersOf("ChannelEventsQueue")).containsExactly("SenderFunction");
        // SNS writes the logs only through a role it may assume, limited to those groups
        Map<String, Object> role = properties(resources.get("DeliveryStatusRole"));
        assertThat(String.valueOf(role.get("AssumeRolePolicyDocument"))).contains("sns.amazonaws.com");
        assertThat(String.valueOf(role.get("Policies"))).contains(groups.keySet().toArray(new String[0])).doesNotContain("\"*\"");
        assertThat(map(map(template.get("Outputs")).get("DeliveryStatusRoleArn"))).isNotNull();
    }

    @Test
    void theTrackingHostServesTheLinksOfEveryMessageFromTheHttpApi() {
        Map<String, Object> domain = map(resources.get("TrackingDomain"));
        assertThat(domain.get("Type")).isEqualTo("AWS::ApiGatewayV2::DomainName");
        assertThat(domain.get("Condition")).isEqualTo("HasTrackingCertificate");
        assertThat(String.valueOf(properties(domain).get("DomainName"))).as("the host of TrackingBaseUrl").contains("TrackingBaseUrl");
        Map<String, Object> mapping = properties(resources.get("TrackingDomainMapping"));
        assertThat(ref(mapping.get("DomainName"))).isEqualTo("TrackingDomain");
        assertThat(ref(mapping.get("ApiId"))).isEqualTo("ServerlessHttpApi");
        // the links Links makes under KARGO_TRACKING_BASE_URL are routes of that API
        List<String> routes = new ArrayList<>();
        functions().values().forEach(f -> events(f).values().forEach(e -> {
            if ("HttpApi".equals(map(e).get("Type"))) {
                routes.add(properties(e).get("Method") + " " + properties(e).get("Path"));
            }
        }));
        assertThat(routes).contains("GET /u/{token}", "POST /u/{token}", "GET /c/{token}", "GET /o/{token}", "GET /a/{token}/{action}",
                "POST /a/{token}/{action}");
        assertThat(map(map(template.get("Outputs")).get("TrackingDomainTarget"))).isNotNull();
    }

    @Test
    void noIamActionUsesAWildcard() {
        List<String> actions = new ArrayList<>();
        walk(template, (key, value) -> {
            assertThat(key).as("NotAction grants everything else").isNotEqualTo("NotAction");
            if (key.equals("Action")) {
                for (Object action : list(value)) {
                    assertThat(action).as("IAM action").isInstanceOf(String.class);
                    actions.add((String) action);
                }
            }
        });
        assertThat(actions).as("actions found").hasSizeGreaterThan(10);
        assertThat(actions).as("IAM actions").allSatisfy(a -> assertThat(a).doesNotContain("*"));
        // Only explicit statements: SAM policy templates and managed policies would hide their actions.
        functions().forEach((name, function) -> {
            List<Object> policies = list(properties(function).get("Policies"));
            assertThat(policies).as("%s Policies", name).isNotEmpty();
            assertThat(policies).as("%s Policies are inline statements", name)
                    .allSatisfy(policy -> assertThat(map(policy)).containsKey("Statement"));
        });
    }

    /**
     * SNS Publish to a phone number has no resource ARN, so the sender's SMS permission is {@code Resource: "*"}: only
     * the sender has it, only with SMS configured, and only with the Deny that keeps it off every topic and endpoint.
     */
    @Test
    void onlyTheSenderMayPublishSmsAndNoTopic() {
        int found = 0;
        for (Map.Entry<String, Object> function : functions().entrySet()) {
            List<Map<String, Object>> statements = statements(function.getValue());
            boolean publishesToAnyResource = statements.stream().anyMatch(s -> "Allow".equals(s.get("Effect"))
                    && list(s.get("Action")).contains("sns:Publish") && list(s.get("Resource")).contains("*"));
            if (!publishesToAnyResource) {
                continue;
            }
            found++;
            assertThat(function.getKey()).as("who may publish SMS").isEqualTo("SenderFunction");
            assertThat(statements).as("the Deny that keeps sns:Publish to phone numbers").anySatisfy(s -> {
                assertThat(s.get("Effect")).isEqualTo("Deny");
                assertThat(list(s.get("Action"))).containsExactly("sns:Publish");
                assertThat(s.get("Resource")).isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:sns:*:*:*"));
            });
        }
        assertThat(found).as("functions that may publish SMS").isEqualTo(1);
        // both statements only when the merchant configured SMS
        List<Object> raw = list(map(list(properties(resources.get("SenderFunction")).get("Policies")).get(0)).get("Statement"));
        assertThat(raw.stream().filter(st -> map(st).get("Fn::If") instanceof List<?> l && "HasSmsSenderId".equals(l.get(0))).count())
                .as("SMS statements under HasSmsSenderId").isEqualTo(2);
    }

    /**
     * Push: the sender publishes to the endpoints of the configured platform applications only, the orders API makes
     * endpoints of them only, and with push on the SMS Deny no longer covers this account's ARNs (a Deny would win
     * over the push Allow) but still other accounts', and this stack's topics stay denied.
     */
    @Test
    void pushPublishesToTheConfiguredApplicationsEndpointsOnly() {
        List<Map<String, Object>> sender = statements(resources.get("SenderFunction"));
        Map<String, Object> push = sender.stream().filter(s -> "PublishPush".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(push.get("Effect")).isEqualTo("Allow");
        assertThat(list(push.get("Action"))).containsExactly("sns:Publish");
        List<Object> resourcesOfPush = list(push.get("Resource")).stream().flatMap(TemplateTest::branches).toList();
        assertThat(resourcesOfPush).hasSize(3).allSatisfy(r -> assertThat(map(r)).containsKey("Fn::Join"));
        assertThat(resourcesOfPush.toString()).contains("PushFcmAppArn").contains("PushApnsAppArn").contains("PushApnsSandboxAppArn");
        // the endpoint ARN pattern the template computes, for an application whose name ends in "app"
        Map<String, String> apps = Map.of("PushFcmAppArn", "arn:aws:sns:eu-central-1:111122223333:app/GCM/kargo-app",
                "PushApnsAppArn", "arn:aws:sns:eu-central-1:111122223333:app/APNS/app",
                "PushApnsSandboxAppArn", "arn:aws:sns:eu-central-1:111122223333:app/APNS_SANDBOX/kargo.dev");
        assertThat(resourcesOfPush.stream().map(r -> endpointPattern(r, apps)).toList()).containsExactly(
                "arn:aws:sns:eu-central-1:111122223333:endpoint/GCM/kargo-app/*",
                "arn:aws:sns:eu-central-1:111122223333:endpoint/APNS/app/*",
                "arn:aws:sns:eu-central-1:111122223333:endpoint/APNS_SANDBOX/kargo.dev/*");

        Map<String, Object> smsDeny = sender.stream().filter(s -> "PublishSmsOnly".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(smsDeny.get("Condition")).as("narrowed only when push is on")
                .isEqualTo(Map.of("Fn::If", List.of("HasPush", Map.of("StringNotEquals", Map.of("aws:ResourceAccount", Map.of("Ref", "AWS::AccountId"))),
                        Map.of("Ref", "AWS::NoValue"))));
        Map<String, Object> ownTopics = sender.stream().filter(s -> "NoPublishToOwnTopics".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(ownTopics.get("Effect")).isEqualTo("Deny");
        assertThat(list(ownTopics.get("Resource"))).contains(Map.of("Ref", "ChannelEventsTopic"), Map.of("Ref", "AlarmTopic"));

        Map<String, Object> register = statements(resources.get("OrdersApiFunction")).stream()
                .filter(s -> "RegisterDevices".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(list(register.get("Action"))).containsExactly("sns:CreatePlatformEndpoint");
        assertThat(list(register.get("Resource")).stream().flatMap(TemplateTest::branches).toList()).containsExactlyInAnyOrder(
                Map.of("Ref", "PushFcmAppArn"), Map.of("Ref", "PushApnsAppArn"), Map.of("Ref", "PushApnsSandboxAppArn"));
        Map<String, Object> devices = map(map(map(properties(resources.get("OrdersApiFunction")).get("Events")).get("Devices")).get("Properties"));
        assertThat(devices).containsEntry("Method", "PUT").containsEntry("Path", "/orders/{orderId}/devices");
        for (String function : List.of("SenderFunction", "OrdersApiFunction")) {
            Map<String, Object> env = map(map(properties(resources.get(function)).get("Environment")).get("Variables"));
            assertThat(env).as(function).containsEntry("KARGO_PUSH_FCM_APP_ARN", Map.of("Ref", "PushFcmAppArn"))
                    .containsEntry("KARGO_PUSH_APNS_APP_ARN", Map.of("Ref", "PushApnsAppArn"))
                    .containsEntry("KARGO_PUSH_APNS_SANDBOX_APP_ARN", Map.of("Ref", "PushApnsSandboxAppArn"));
        }
    }

    /**
     * RulesSource and TemplatesS3: the functions that read them get the setting, and only with it set a grant on that
     * object, parameter or folder (the ARNs evaluated here from the parameter as CloudFormation would); each cut of the
     * parameter stays in range whatever it holds, and the parameters' patterns take the forms KargoSettings takes.
     */
    @Test
    void rulesAndTemplateOverridesAreReadFromTheirOwnObjectParameterOrFolderOnlyWhenSet() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Pattern rulesPattern = Pattern.compile((String) map(parameters.get("RulesSource")).get("AllowedPattern"));
        assertThat(List.of("", "s3://acme-kargo/rules/prod.yaml", "ssm:/kargo/prod/rules", "ssm:kargo-rules"))
                .allSatisfy(v -> assertThat(rulesPattern.matcher(v).matches()).as(v).isTrue());
        assertThat(List.of("s3://acme-kargo/", "s3://Acme/rules.yaml", "https://acme/rules.yaml", "ssm:kargo/rules", "ssm:/kargo/"))
                .allSatisfy(v -> assertThat(rulesPattern.matcher(v).matches()).as(v).isFalse());
        Pattern templatesPattern = Pattern.compile((String) map(parameters.get("TemplatesS3")).get("AllowedPattern"));
        assertThat(List.of("", "s3://acme-kargo/templates/")).allSatisfy(v -> assertThat(templatesPattern.matcher(v).matches()).as(v).isTrue());
        assertThat(List.of("s3://acme-kargo/templates", "s3://acme-kargo/", "s3://acme-kargo/a/b/"))
                .allSatisfy(v -> assertThat(templatesPattern.matcher(v).matches()).as(v).isFalse());
        assertThat(map(parameters.get("RulesSource")).get("Default")).isEqualTo("");
        assertThat(map(parameters.get("TemplatesS3")).get("Default")).isEqualTo("");

        assertThat(environment(properties(resources.get("RuleEvaluatorFunction")))).containsEntry("KARGO_RULES_SOURCE", Map.of("Ref", "RulesSource"));
        assertThat(environment(properties(resources.get("SenderFunction")))).containsEntry("KARGO_RULES_SOURCE", Map.of("Ref", "RulesSource"))
                .containsEntry("KARGO_TEMPLATES_S3", Map.of("Ref", "TemplatesS3"));

        for (String function : List.of("RuleEvaluatorFunction", "SenderFunction")) {
            Map<String, String> inS3 = Map.of("RulesSource", "s3://acme-kargo/rules/prod.yaml", "TemplatesS3", "");
            assertThat(granted(function, inS3)).as(function).containsEntry("ReadRulesObject", "s3:GetObject arn:aws:s3:::acme-kargo/rules/prod.yaml")
                    .doesNotContainKeys("ReadRulesParameter", "ListTemplateOverrides", "ReadTemplateOverrides");
            assertThat(granted(function, Map.of("RulesSource", "ssm:/kargo/prod/rules", "TemplatesS3", ""))).as(function)
                    .containsEntry("ReadRulesParameter", "ssm:GetParameter arn:aws:ssm:eu-central-1:111122223333:parameter/kargo/prod/rules")
                    .doesNotContainKey("ReadRulesObject");
            assertThat(granted(function, Map.of("RulesSource", "ssm:kargo-rules", "TemplatesS3", "")))
                    .containsEntry("ReadRulesParameter", "ssm:GetParameter arn:aws:ssm:eu-central-1:111122223333:parameter/kargo-rules");
            assertThat(granted(function, Map.of("RulesSource", "", "TemplatesS3", ""))).as("%s with nothing set", function)
                    .doesNotContainKeys("ReadRulesObject", "ReadRulesParameter", "ListTemplateOverrides", "ReadTemplateOverrides");
        }
        assertThat(rawStatements("SenderFunction").stream().filter(st -> map(st).get("Fn::If") instanceof List<?> l
                && SOURCE_CONDITIONS.contains(l.get(0))).count()).as("the sender's statements for rules and templates").isEqualTo(4);
        Map<String, String> sender = granted("SenderFunction", Map.of("RulesSource", "", "TemplatesS3", "s3://acme-kargo/templates/"));
        assertThat(sender).containsEntry("ListTemplateOverrides", "s3:ListBucket arn:aws:s3:::acme-kargo if s3:prefix like templates/*")
                .containsEntry("ReadTemplateOverrides", "s3:GetObject arn:aws:s3:::acme-kargo/templates/*");
        assertThat(granted("RuleEvaluatorFunction", Map.of("RulesSource", "", "TemplatesS3", "s3://acme-kargo/templates/")))
                .as("the rule evaluator renders no template").doesNotContainKeys("ListTemplateOverrides", "ReadTemplateOverrides");

        // CloudFormation resolves a !Select out of range as an error even in the branch an !If does not take
        for (String rules : List.of("", "s3://acme-kargo/rules.yaml", "ssm:/kargo/rules", "ssm:kargo-rules")) {
            for (String templates : List.of("", "s3://acme-kargo/templates/")) {
                Map<String, String> values = Map.of("RulesSource", rules, "TemplatesS3", templates);
                for (Object statement : rawStatements("SenderFunction")) {
                    if (map(statement).get("Fn::If") instanceof List<?> branches && SOURCE_CONDITIONS.contains(branches.get(0))) {
                        evaluate(map(branches.get(1)).get("Resource"), values, true);
                        evaluate(map(branches.get(1)).get("Condition"), values, true);
                    }
                }
            }
        }
    }

    private static final Set<String> SOURCE_CONDITIONS = Set.of("RulesInS3", "RulesInSsm", "HasTemplatesS3");

    /**
     * Sid -> "action resource [if key like value]" of the function's statements under the rules' and templates' conditions
     * that apply with these parameter values.
     */
    private static Map<String, String> granted(String function, Map<String, String> values) {
        Map<String, String> granted = new TreeMap<>();
        for (Object statement : rawStatements(function)) {
            if (!(map(statement).get("Fn::If") instanceof List<?> branches) || !SOURCE_CONDITIONS.contains(branches.get(0))) {
                continue;
            }
            Object chosen = evaluate(statement, values, false);
            if (!(chosen instanceof Map<?, ?> s) || s.get("Sid") == null || "AWS::NoValue".equals(ref(chosen))) {
                continue;
            }
            Object condition = s.get("Condition") == null ? null : evaluate(s.get("Condition"), values, false);
            String when = "";
            if (condition instanceof Map<?, ?> c && c.get("StringLike") instanceof Map<?, ?> like) {
                var e = like.entrySet().iterator().next();
                when = " if " + e.getKey() + " like " + evaluate(e.getValue(), values, false);
            }
            granted.put((String) s.get("Sid"), list(s.get("Action")).get(0) + " " + evaluate(s.get("Resource"), values, false) + when);
        }
        return granted;
    }

    private static List<Object> rawStatements(String function) {
        return list(map(list(properties(resources.get(function)).get("Policies")).get(0)).get("Statement"));
    }

    /**
     * CloudFormation's functions as far as these statements use them (Ref, Sub, Select, Split, If, Equals, Not, Condition),
     * in the region eu-central-1 of account 111122223333; {@code bothBranches} evaluates each !If's branches to check them.
     */
    private static Object evaluate(Object node, Map<String, String> values, boolean bothBranches) {
        if (node instanceof List<?> l) {
            return l.stream().map(v -> evaluate(v, values, bothBranches)).toList();
        }
        if (!(node instanceof Map<?, ?> m) || m.size() != 1) {
            if (node instanceof Map<?, ?> m2) {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                m2.forEach((k, v) -> out.put((String) k, k.equals("Sid") || k.equals("Effect") || k.equals("Action") ? v : evaluate(v, values, bothBranches)));
                return out;
            }
            return node;
        }
        String fn = (String) m.keySet().iterator().next();
        Object arg = m.get(fn);
        switch (fn) {
            case "Ref" -> {
                return switch ((String) arg) {
                    case "AWS::Partition" -> "aws";
                    case "AWS::Region" -> "eu-central-1";
                    case "AWS::AccountId" -> "111122223333";
                    case "AWS::NoValue" -> node;
                    default -> {
                        assertThat(values).as("parameter %s", arg).containsKey((String) arg);
                        yield values.get(arg);
                    }
                };
            }
            case "Condition" -> {
                return evaluate(map(template.get("Conditions")).get(arg), values, bothBranches);
            }
            case "Fn::Equals" -> {
                return evaluate(list(arg).get(0), values, bothBranches).equals(evaluate(list(arg).get(1), values, bothBranches));
            }
            case "Fn::Not" -> {
                return !(Boolean) evaluate(list(arg).get(0), values, bothBranches);
            }
            case "Fn::If" -> {
                List<Object> args = list(arg);
                boolean holds = (Boolean) evaluate(map(template.get("Conditions")).get(args.get(0)), values, bothBranches);
                if (bothBranches) {
                    evaluate(args.get(1), values, true);
                    evaluate(args.get(2), values, true);
                }
                return evaluate(args.get(holds ? 1 : 2), values, bothBranches);
            }
            case "Fn::Split" -> {
                String delimiter = (String) list(arg).get(0);
                return List.of(((String) evaluate(list(arg).get(1), values, bothBranches)).split(Pattern.quote(delimiter), -1));
            }
            case "Fn::Select" -> {
                int index = ((Number) list(arg).get(0)).intValue();
                List<?> from = (List<?>) evaluate(list(arg).get(1), values, bothBranches);
                assertThat(index).as("!Select %s of %s with %s", index, from, values).isLessThan(from.size());
                return from.get(index);
            }
            case "Fn::Sub" -> {
                String text = arg instanceof String t ? t : (String) list(arg).get(0);
                Map<String, Object> vars = arg instanceof String ? Map.of() : map(list(arg).get(1));
                Matcher matcher = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
                StringBuilder out = new StringBuilder();
                while (matcher.find()) {
                    String name = matcher.group(1);
                    Object value = vars.containsKey(name) ? evaluate(vars.get(name), values, bothBranches) : evaluate(Map.of("Ref", name), values, bothBranches);
                    matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
                }
                matcher.appendTail(out);
                return out.toString();
            }
            default -> {
                return node instanceof Map<?, ?> plain && !fn.startsWith("Fn::") ? Map.of(fn, evaluate(arg, values, bothBranches)) : node;
            }
        }
    }

    /** Evaluates {@code !Join [sep, !Split [delimiter, !Sub "${Parameter}/*"]]} with the given parameter values. */
    private static String endpointPattern(Object resource, Map<String, String> parameters) {
        List<Object> join = list(map(resource).get("Fn::Join"));
        List<Object> split = list(map(join.get(1)).get("Fn::Split"));
        String sub = (String) map(split.get(1)).get("Fn::Sub");
        String value = sub;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            value = value.replace("${" + p.getKey() + "}", p.getValue());
        }
        return String.join((String) join.get(0), value.split(java.util.regex.Pattern.quote((String) split.get(0)), -1));
    }

    @Test
    void tablesMatchKargoTables() {
        Map<String, Object> tables = ofType("AWS::DynamoDB::Table");
        // The logical ids stand in for the table names, which CloudFormation generates.
        List<CreateTableRequest> definitions =
                KargoTables.definitions(new TableNames("OrdersTable", "ShipmentsTable", "EventsTable", "NotificationsTable", "FailuresTable",
                        "DiscountCodesTable"));
        assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(
                definitions.stream().map(CreateTableRequest::tableName).toList());
        for (CreateTableRequest expected : definitions) {
            String name = expected.tableName();
            Map<String, Object> p = properties(tables.get(name));
            assertThat(p.get("BillingMode")).as("%s BillingMode", name).isEqualTo(expected.billingModeAsString());
            assertThat(keySchema(p.get("KeySchema"))).as("%s KeySchema", name).isEqualTo(keySchema(expected.keySchema()));
            assertThat(list(p.get("AttributeDefinitions")).stream()
                    .map(a -> map(a).get("AttributeName") + ":" + map(a).get("AttributeType")).collect(Collectors.toSet()))
                    .as("%s AttributeDefinitions", name)
                    .isEqualTo(expected.attributeDefinitions().stream()
                            .map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).collect(Collectors.toSet()));
            Map<String, String> indexes = new TreeMap<>();
            for (Object index : list(p.get("GlobalSecondaryIndexes"))) {
                Map<String, Object> i = map(index);
                Map<String, Object> projection = map(i.get("Projection"));
                indexes.put((String) i.get("IndexName"), keySchema(i.get("KeySchema")) + " " + projection.get("ProjectionType")
                        + " " + list(projection.get("NonKeyAttributes")));
            }
            Map<String, String> expectedIndexes = new TreeMap<>();
            expected.globalSecondaryIndexes().forEach(i -> expectedIndexes.put(i.indexName(), keySchema(i.keySchema()) + " "
                    + i.projection().projectionTypeAsString() + " " + i.projection().nonKeyAttributes()));
            assertThat(indexes).as("%s GlobalSecondaryIndexes", name).isEqualTo(expectedIndexes);
            assertThat(map(p.get("SSESpecification"))).as("%s encrypted", name).containsEntry("SSEEnabled", true);
        }
    }

    @Test
    void expiringRecordsHaveTtlAndOrdersHavePointInTimeRecovery() {
        for (String table : List.of("EventsTable", "NotificationsTable", "FailuresTable")) {
            Map<String, Object> ttl = map(properties(resources.get(table)).get("TimeToLiveSpecification"));
            assertThat(ttl).as("%s TTL", table).isNotNull()
                    .containsEntry("AttributeName", KargoTables.TTL_ATTRIBUTE).containsEntry("Enabled", true);
        }
        assertThat(map(properties(resources.get("OrdersTable")).get("PointInTimeRecoverySpecification")))
                .containsEntry("PointInTimeRecoveryEnabled", true);
    }

    @Test
    void discountCodesAreKeptUntilUsedWithPointInTimeRecovery() {
        Map<String, Object> table = map(resources.get("DiscountCodesTable"));
        assertThat(table).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(properties(table)).as("a code lives until it is given: no TTL").doesNotContainKey("TimeToLiveSpecification");
        assertThat(map(properties(table).get("PointInTimeRecoverySpecification"))).containsEntry("PointInTimeRecoveryEnabled", true);
    }

    @Test
    void everyFunctionLogsToItsOwnLogGroup() {
        Set<String> used = new TreeSet<>();
        functions().forEach((name, function) -> {
            Map<String, Object> p = properties(function);
            String group = ref(map(p.get("LoggingConfig")) == null ? null : map(p.get("LoggingConfig")).get("LogGroup"));
            assertThat(group).as("%s LoggingConfig.LogGroup", name).isNotNull();
            assertThat(used.add(group)).as("%s has a log group of its own", name).isTrue();
            assertThat(map(resources.get(group))).as("%s log group", name).containsEntry("Type", "AWS::Logs::LogGroup");
            Map<String, Object> g = properties(resources.get(group));
            assertThat(ref(g.get("RetentionInDays"))).as("%s retention", group).isEqualTo("LogRetentionDays");
            assertThat(map(g.get("LogGroupName"))).as("%s is /aws/lambda/<function name>", group)
                    .isEqualTo(Map.of("Fn::Sub", "/aws/lambda/" + map(p.get("FunctionName")).get("Fn::Sub")));
        });
    }

    @Test
    void onlyAmazonsNotificationServiceMaySendToTheAmazonNotificationsQueueWhichThePollerConsumes() {
        Map<String, Object> policy = properties(resources.get("AmazonNotificationsQueuePolicy"));
        assertThat(list(policy.get("Queues")).stream().map(TemplateTest::ref).toList()).containsExactly("AmazonNotificationsQueue");
        List<Object> statements = list(map(policy.get("PolicyDocument")).get("Statement"));
        assertThat(statements).hasSize(1);
        Map<String, Object> statement = map(statements.get(0));
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        assertThat(list(statement.get("Action"))).containsExactlyInAnyOrder("sqs:SendMessage", "sqs:GetQueueAttributes");
        assertThat(String.valueOf(map(statement.get("Principal")).get("AWS"))).as("SP-API's notification account, nobody else")
                .contains("iam::437568002678:root");
        assertThat(consumersOf("AmazonNotificationsQueue")).containsExactly("PollerFunction");
    }

    @Test
    void everySqsStageMayRecordWhyAMessageFailed() {
        int stages = 0;
        for (Map.Entry<String, Object> function : functions().entrySet()) {
            boolean sqs = events(function.getValue()).values().stream().anyMatch(e -> "SQS".equals(map(e).get("Type")));
            if (sqs) {
                assertThat(ref(environment(properties(function.getValue())).get("KARGO_TABLE_FAILURES"))).as("%s KARGO_TABLE_FAILURES", function.getKey())
                        .isEqualTo("FailuresTable");
                assertThat(allows(statements(function.getValue()), "dynamodb:PutItem", "FailuresTable"))
                        .as("%s may dynamodb:PutItem into FailuresTable", function.getKey()).isTrue();
                stages++;
            }
        }
        assertThat(stages).as("normalizer, rule-evaluator, sender and the poller's workers").isEqualTo(4);
    }

    @Test
    void theDeadLetterOperatorPolicyAllowsWhatKargoDlqCallsAndNothingElse() {
        List<Map<String, Object>> statements = new ArrayList<>();
        list(map(properties(resources.get("DeadLetterOperatorPolicy")).get("PolicyDocument")).get("Statement"))
                .forEach(s -> statements.add(map(s)));
        for (String dlq : List.of("RawEventsDlq", "StatusChangesDlq", "OutboundDlq", "PollWorkDlq", "AmazonNotificationsDlq", "ChannelEventsDlq")) {
            for (String action : List.of("sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                    "sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks")) {
                assertThat(allows(statements, action, dlq)).as("%s on %s", action, dlq).isTrue();
            }
            String source = dlq.replace("Dlq", "Queue");
            assertThat(allows(statements, "sqs:SendMessage", source)).as("sqs:SendMessage on %s", source).isTrue();
            assertThat(allows(statements, "sqs:ReceiveMessage", source)).as("no reading of %s", source).isFalse();
        }
        assertThat(allows(statements, "dynamodb:BatchGetItem", "FailuresTable")).isTrue();
        List<String> actions = statements.stream().flatMap(s -> list(s.get("Action")).stream()).map(String.class::cast).toList();
        assertThat(actions).allMatch(a -> a.startsWith("sqs:") || a.equals("dynamodb:BatchGetItem"))
                .noneMatch(a -> a.contains("Purge") || a.contains("DeleteQueue") || a.contains("SetQueueAttributes"));
    }

    @Test
    void environmentNamesExistingResourcesTheFunctionMayUse() {
        Map<String, Object> globalEnv = environment(map(map(template.get("Globals")).get("Function")));
        assertThat(globalEnv.keySet()).as("queues and tables are given per function")
                .noneMatch(k -> QUEUE_ENV.matcher(k).matches() || TABLE_ENV.matcher(k).matches());
        int checked = 0;
        for (Map.Entry<String, Object> function : functions().entrySet()) {
            String name = function.getKey();
            List<Map<String, Object>> statements = statements(function.getValue());
            for (Map.Entry<String, Object> variable : environment(properties(function.getValue())).entrySet()) {
                Matcher queue = QUEUE_ENV.matcher(variable.getKey());
                Matcher table = TABLE_ENV.matcher(variable.getKey());
                if (queue.matches()) {
                    String expected = camel(queue.group(1)) + "Queue";
                    assertThat(ref(variable.getValue())).as("%s %s", name, variable.getKey()).isEqualTo(expected);
                    assertThat(map(resources.get(expected))).as("%s exists", expected).containsEntry("Type", "AWS::SQS::Queue");
                    assertThat(allows(statements, "sqs:SendMessage", expected))
                            .as("%s may sqs:SendMessage to %s", name, expected).isTrue();
                    checked++;
                } else if (table.matches()) {
                    String expected = camel(table.group(1)) + "Table";
                    assertThat(ref(variable.getValue())).as("%s %s", name, variable.getKey()).isEqualTo(expected);
                    assertThat(map(resources.get(expected))).as("%s exists", expected).containsEntry("Type", "AWS::DynamoDB::Table");
                    assertThat(allows(statements, "dynamodb:", expected))
                            .as("%s has DynamoDB permissions on %s", name, expected).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).as("queue and table variables").isGreaterThanOrEqualTo(10);
    }

    @Test
    void analyticsRecordsGoThroughFirehoseToDatePartitionsThatTheGlueTableReadsWithTheRecordsColumns() {
        int emitting = 0;
        for (Map.Entry<String, Object> function : functions().entrySet()) {
            Object stream = environment(properties(function.getValue())).get("KARGO_ANALYTICS_STREAM");
            if (stream == null) {
                continue;
            }
            emitting++;
            assertThat(ref(stream)).as("%s KARGO_ANALYTICS_STREAM", function.getKey()).isEqualTo("AnalyticsStream");
            assertThat(allows(statements(function.getValue()), "firehose:PutRecordBatch", "AnalyticsStream"))
                    .as("%s may put records on the stream", function.getKey()).isTrue();
        }
        assertThat(emitting).as("the stages that record analytics").isGreaterThanOrEqualTo(6);

        Map<String, Object> stream = properties(resources.get("AnalyticsStream"));
        Map<String, Object> s3 = map(stream.get("ExtendedS3DestinationConfiguration"));
        assertThat(s3.get("Prefix")).isEqualTo("records/dt=!{timestamp:yyyy-MM-dd}/");
        assertThat(getAttArn(s3.get("BucketARN"))).isEqualTo("AnalyticsBucket");

        Map<String, Object> table = map(properties(resources.get("AnalyticsTable")).get("TableInput"));
        assertThat(table.get("Name")).isEqualTo(io.kargotakip.aws.analytics.AnalyticsColumns.TABLE);
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        for (Object c : list(map(table.get("StorageDescriptor")).get("Columns"))) {
            columns.put((String) map(c).get("Name"), (String) map(c).get("Type"));
        }
        assertThat(columns).as("the Glue table's columns are the records' (AnalyticsColumns)")
                .containsExactlyEntriesOf(io.kargotakip.aws.analytics.AnalyticsColumns.TYPES);
        assertThat(list(table.get("PartitionKeys"))).singleElement().satisfies(k -> assertThat(map(k).get("Name")).isEqualTo("dt"));
        assertThat(map(table.get("Parameters"))).containsEntry("projection.enabled", "true").containsEntry("projection.dt.type", "date");
        Map<String, Object> workgroup = map(properties(resources.get("AnalyticsWorkGroup")).get("WorkGroupConfiguration"));
        assertThat(workgroup).containsEntry("EnforceWorkGroupConfiguration", true).containsKey("BytesScannedCutoffPerQuery");
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<String, Object> ofType(String type) {
        Map<String, Object> found = new TreeMap<>();
        resources.forEach((name, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(name, resource);
            }
        });
        return found;
    }

    private static Map<String, Object> functions() {
        return ofType("AWS::Serverless::Function");
    }

    private static Map<String, Object> properties(Object resource) {
        return map(map(resource).get("Properties"));
    }

    /** A function property, or the Globals.Function default. */
    private static Object property(Object function, String key) {
        Object own = properties(function).get(key);
        if (own != null) {
            return own;
        }
        Map<String, Object> globals = map(template.get("Globals"));
        return globals == null || map(globals.get("Function")) == null ? null : map(globals.get("Function")).get(key);
    }

    private static long timeout(String function) {
        Object timeout = property(resources.get(function), "Timeout");
        return timeout == null ? 3 : number(timeout);   // Lambda's default
    }

    private static Map<String, Object> events(Object function) {
        Map<String, Object> events = map(properties(function).get("Events"));
        return events == null ? Map.of() : events;
    }

    private static List<String> consumersOf(String queue) {
        List<String> consumers = new ArrayList<>();
        functions().forEach((name, function) -> events(function).values().forEach(event -> {
            Map<String, Object> e = map(event);
            if ("SQS".equals(e.get("Type")) && queue.equals(getAttArn(map(e.get("Properties")).get("Queue")))) {
                consumers.add(name);
            }
        }));
        return consumers;
    }

    private static Map<String, Object> environment(Map<String, Object> properties) {
        Map<String, Object> environment = properties == null ? null : map(properties.get("Environment"));
        Map<String, Object> variables = environment == null ? null : map(environment.get("Variables"));
        return variables == null ? Map.of() : variables;
    }

    /** The function's inline statements, both branches of any {@code Fn::If}. */
    private static List<Map<String, Object>> statements(Object function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(properties(function).get("Policies"))) {
            for (Object statement : list(map(policy).get("Statement"))) {
                branches(statement).forEach(s -> statements.add(map(s)));
            }
        }
        return statements;
    }

    private static boolean allows(List<Map<String, Object>> statements, String actionPrefix, String resource) {
        return statements.stream().anyMatch(s -> "Allow".equals(s.get("Effect"))
                && list(s.get("Action")).stream().anyMatch(a -> ((String) a).startsWith(actionPrefix))
                && list(s.get("Resource")).stream().flatMap(TemplateTest::branches).anyMatch(r -> isArnOf(r, resource)));
    }

    /** {@code !GetAtt X.Arn}, or a {@code !Sub} starting with {@code ${X.Arn}} (an index, say). */
    private static boolean isArnOf(Object value, String resource) {
        if (value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String sub) {
            return sub.startsWith("${" + resource + ".Arn}");
        }
        return resource.equals(getAttArn(value));
    }

    /** Both values of an {@code Fn::If} (flattened when they are lists), without {@code AWS::NoValue}. */
    private static Stream<Object> branches(Object value) {
        if (value instanceof Map<?, ?> m && m.get("Fn::If") instanceof List<?> ifArgs && ifArgs.size() == 3) {
            return Stream.of(ifArgs.get(1), ifArgs.get(2)).flatMap(v -> v instanceof List<?> l ? l.stream().map(o -> (Object) o) : Stream.of(v))
                    .flatMap(TemplateTest::branches);
        }
        if ("AWS::NoValue".equals(ref(value))) {
            return Stream.empty();
        }
        return Stream.of(value);
    }

    private static String getAttArn(Object value) {
        Map<String, Object> m = map(value);
        if (m == null || !(m.get("Fn::GetAtt") instanceof List<?> att) || att.size() != 2 || !"Arn".equals(att.get(1))) {
            return null;
        }
        return (String) att.get(0);
    }

    private static String ref(Object value) {
        return value instanceof Map<?, ?> m && m.get("Ref") instanceof String r ? r : null;
    }

    private static String queueName(Map<String, Object> properties) {
        Object name = properties.get("QueueName");
        String sub = name instanceof Map<?, ?> m ? (String) m.get("Fn::Sub") : (String) name;
        assertThat(sub).as("queue name").startsWith("${AWS::StackName}-");
        return sub.substring("${AWS::StackName}-".length());
    }

    private static String keySchema(Object schema) {
        return list(schema).stream().map(k -> map(k).get("AttributeName") + ":" + map(k).get("KeyType")).toList().toString();
    }

    private static String keySchema(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList().toString();
    }

    /** RAW_EVENTS → RawEvents */
    private static String camel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static List<Path> handlerSources(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return HANDLER_SOURCE.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(Object node, BiConsumer<String, Object> visitor) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                visitor.accept(String.valueOf(k), v);
                walk(v, visitor);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walk(v, visitor));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> ? (List<Object>) value : List.of(value);
    }

    private static long number(Object value) {
        assertThat(value).as("a number").isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }
}

package io.kargotakip.aws;

import io.kargotakip.aws.observability.RequestCounter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * The one factory of SDK clients outside the functions (the CLI, plain tests, the local runtime), and
 * of the plain-SDK clients the functions build themselves ({@link #client}: the sender's SES client, which the
 * design card keeps on the plain SDK; this module depends on no channel's SDK). The functions' DynamoDB and
 * SQS clients come from the Quarkiverse extensions instead. Clients are built at run time (never in a
 * static initializer: native images must not capture them) on the URL-connection HTTP client. Region,
 * credentials and endpoints come from the usual SDK settings ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, …), or, for emulators on loopback, from the {@code URI} overloads.
 * Every client carries a {@link RequestCounter}, inert unless the local mode asks it to count.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return counted(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs() {
        return counted(SqsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Any SDK client, e.g. {@code AwsClients.client(SesV2Client.builder())}: the usual SDK settings, URL-connection client, counted. */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return counted(builder).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Any SDK client for an emulator on loopback, with dummy credentials. */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint, ExecutionInterceptor... extra) {
        return local(builder, endpoint, extra).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Clients for emulators on loopback, with dummy credentials; {@code extra} interceptors (tests' counters) come on top. */
    public static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor... extra) {
        return local(DynamoDbClient.builder(), endpoint, extra).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs(URI endpoint, ExecutionInterceptor... extra) {
        return local(SqsClient.builder(), endpoint, extra).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Any SDK client whose calls give up after {@code callTimeout}, retries included — for a best-effort call in a
     * stage's path (the analytics records), which must not hold the stage up; {@code endpoint} null: the usual SDK settings.
     */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint, java.time.Duration callTimeout) {
        B configured = endpoint == null ? configured(builder, callTimeout) : configured(builder, callTimeout).endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        return configured.httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B counted(B builder, ExecutionInterceptor... extra) {
        return configured(builder, null, extra);
    }

    private static <B extends AwsClientBuilder<B, ?>> B configured(B builder, java.time.Duration callTimeout, ExecutionInterceptor... extra) {
        return builder.overrideConfiguration(c -> {
            c.addExecutionInterceptor(new RequestCounter());
            for (ExecutionInterceptor i : extra) {
                c.addExecutionInterceptor(i);
            }
            if (callTimeout != null) {
                c.apiCallTimeout(callTimeout);
            }
        });
    }

    private static <B extends AwsClientBuilder<B, ?>> B local(B builder, URI endpoint, ExecutionInterceptor... extra) {
        return counted(builder, extra).endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }
}

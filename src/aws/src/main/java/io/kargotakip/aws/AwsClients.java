package io.kargotakip.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * The one factory of SDK clients outside the functions (the CLI, plain tests, the local runtime), and
 * of the sender's SES client, which the design card keeps on the plain SDK. The functions' DynamoDB and
 * SQS clients come from the Quarkiverse extensions instead. Clients are built at run time (never in a
 * static initializer: native images must not capture them) on the URL-connection HTTP client. Region,
 * credentials and endpoints come from the usual SDK settings ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, …), or, for emulators on loopback, from the {@code URI} overloads.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SesV2Client ses() {
        return SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Clients for emulators on loopback, with dummy credentials. */
    public static DynamoDbClient dynamoDb(URI endpoint) {
        return local(DynamoDbClient.builder(), endpoint).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return local(SqsClient.builder(), endpoint).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SesV2Client ses(URI endpoint) {
        return local(SesV2Client.builder(), endpoint).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B local(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }
}

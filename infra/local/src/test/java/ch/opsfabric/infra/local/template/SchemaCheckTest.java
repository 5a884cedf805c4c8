package ch.opsfabric.infra.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The template checker finds what it must: the failures TemplateIT relies on it to catch. */
class SchemaCheckTest {

    private static JsonNode load(String path) throws Exception {
        try (InputStream in = SchemaCheckTest.class.getResourceAsStream(path)) {
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void cloudFormationPropertiesNamesTypesEnumsAndRequired() throws Exception {
        JsonNode schema = load("/schemas/cloudformation/aws-dynamodb-table.json");
        SchemaCheck check = new SchemaCheck(schema);
        assertTrue(check.check(Json.parse("""
                {"BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"PK","KeyType":"HASH"}],
                 "TableName":{"Ref":"Name"}}"""), schema, "t").isEmpty());
        List<String> errors = check.check(Json.parse("""
                {"BillingMode":"FREE","Colour":"blue","KeySchema":[{"AttributeName":"PK","KeyType":"HASH","X":1}],
                 "PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":"maybe"}}"""), schema, "t");
        assertTrue(errors.stream().anyMatch(e -> e.contains("t.Colour: unknown property")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("t.KeySchema[0].X")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("PointInTimeRecoveryEnabled")), errors.toString());
        assertEquals(List.of("t: required property KeySchema is missing"), check.check(Json.parse("{}"), schema, "t"));
    }

    @Test
    void samFunctionsAndTheirEvents() throws Exception {
        JsonNode sam = load("/schemas/sam.schema.json");
        SchemaCheck check = new SchemaCheck(sam);
        JsonNode function = check.resolve("#/definitions/samtranslator__internal__schema_source__aws_serverless_function__Resource");
        assertTrue(check.check(Json.parse("""
                {"Type":"AWS::Serverless::Function","Properties":{"Handler":"a.B::handleRequest","MemorySize":512,
                 "Events":{"E":{"Type":"HttpApi","Properties":{"Path":"/x","Method":"GET"}}}}}"""), function, "f").isEmpty());
        assertTrue(!check.check(Json.parse("""
                {"Type":"AWS::Serverless::Function","Properties":{"Handlr":"a.B::handleRequest"}}"""), function, "f").isEmpty(),
                "a misspelt property");
        assertTrue(!check.check(Json.parse("""
                {"Type":"AWS::Serverless::Function","Properties":{"Events":{"E":{"Type":"HttpApi",
                 "Properties":{"Path":"/x","Verb":"GET"}}}}}"""), function, "f").isEmpty(), "a misspelt event property");
    }
}

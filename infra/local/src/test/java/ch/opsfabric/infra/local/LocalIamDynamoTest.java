package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policies of template.yaml as the local IAM proxy reads them: what each function may do to the table. */
class LocalIamDynamoTest {

    static final String TABLE = "arn:aws:dynamodb:eu-central-2:000000000000:table/OpsTable";

    final Map<String, List<LocalIamDynamo.Statement>> policies = LocalIamDynamo.policies(SamTemplate.locate(),
            id -> id.equals("OpsTable") ? TABLE : null);

    boolean allowed(String function, String action, String resource) {
        return LocalIamDynamo.allowed(policies, function, action, resource);
    }

    @Test
    void eachFunctionMayDoWhatItsPolicySaysAndNothingElse() {
        assertTrue(allowed("MissedCallFunction", "dynamodb:UpdateItem", TABLE));
        assertTrue(allowed("MissedCallFunction", "dynamodb:Query", TABLE), "the staff to notify");
        assertFalse(allowed("MissedCallFunction", "dynamodb:DeleteItem", TABLE));
        assertFalse(allowed("MissedCallFunction", "dynamodb:Query", TABLE + "/index/GSI1"));
        assertTrue(allowed("ReviewCronFunction", "dynamodb:Query", TABLE + "/index/GSI2"));
        assertTrue(allowed("ReviewCronFunction", "dynamodb:Query", TABLE + "/index/GSI3"));
        assertTrue(allowed("StaffAppFunction", "dynamodb:Query", TABLE + "/index/GSI3"), "index/* covers every index");
        assertTrue(allowed("TenantAdminFunction", "dynamodb:BatchWriteItem", TABLE));
        assertFalse(allowed("SmsSenderFunction", "dynamodb:Query", TABLE));
        assertFalse(allowed("SmsSenderFunction", "dynamodb:UpdateItem", "arn:aws:dynamodb:eu-central-2:000000000000:table/Other"));
        assertFalse(allowed("NoSuchFunction", "dynamodb:GetItem", TABLE));
    }
}

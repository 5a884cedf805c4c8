package ch.opsfabric.store;

import ch.opsfabric.staff.StaffDirectory;
import ch.opsfabric.staff.StaffMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Staff members ({@code TENANT#<id> / STAFF#<member>}) and, per mobile, one pointer item per
 * tenant ({@code STAFFMOBILE#<e164> / TENANT#<id>}), so sign-in finds every business of a number
 * with one Query. Both items carry the whole member: sign-in needs no second read.
 */
public final class DynamoStaffDirectory implements StaffDirectory {

    private final SingleTable db;

    public DynamoStaffDirectory(SingleTable db) {
        this.db = db;
    }

    @Override
    public List<StaffMember> byMobile(String e164) {
        List<StaffMember> members = new ArrayList<>();
        db.client().query(b -> b.tableName(db.tableName()).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.staffMobile(e164)))))
                .items().forEach(item -> members.add(member(item)));
        return members;
    }

    @Override
    public Optional<StaffMember> find(String tenantId, String memberId) {
        GetItemResponse response = db.client().getItem(b -> b.tableName(db.tableName())
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                        Keys.SK, AttributeValue.fromS(Keys.staff(memberId)))));
        return response.hasItem() ? Optional.of(member(response.item())) : Optional.empty();
    }

    @Override
    public List<StaffMember> list(String tenantId) {
        List<StaffMember> members = new ArrayList<>();
        db.client().query(b -> b.tableName(db.tableName())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :staff)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tenant(tenantId)),
                                ":staff", AttributeValue.fromS(Keys.STAFF_PREFIX))))
                .items().forEach(item -> members.add(member(item)));
        return members;
    }

    @Override
    public void put(StaffMember member) {
        Optional<StaffMember> before = find(member.tenantId(), member.id());
        Map<String, AttributeValue> fields = Map.of(
                "tenantId", AttributeValue.fromS(member.tenantId()),
                "memberId", AttributeValue.fromS(member.id()),
                "name", AttributeValue.fromS(member.name()),
                "mobile", AttributeValue.fromS(member.mobile()),
                "role", AttributeValue.fromS(member.role().wireName()),
                "notices", AttributeValue.fromL(member.notices().stream().map(n -> AttributeValue.fromS(n.wireName())).toList()));
        java.util.HashMap<String, AttributeValue> item = new java.util.HashMap<>(fields);
        item.put(Keys.PK, AttributeValue.fromS(Keys.tenant(member.tenantId())));
        item.put(Keys.SK, AttributeValue.fromS(Keys.staff(member.id())));
        db.client().putItem(b -> b.tableName(db.tableName()).item(item));
        java.util.HashMap<String, AttributeValue> pointer = new java.util.HashMap<>(fields);
        pointer.put(Keys.PK, AttributeValue.fromS(Keys.staffMobile(member.mobile())));
        pointer.put(Keys.SK, AttributeValue.fromS(Keys.tenant(member.tenantId())));
        db.client().putItem(b -> b.tableName(db.tableName()).item(pointer));
        // a changed mobile: the old number no longer signs in here
        before.filter(old -> !old.mobile().equals(member.mobile())).ifPresent(old -> db.client().deleteItem(b -> b
                .tableName(db.tableName()).key(Map.of(Keys.PK, AttributeValue.fromS(Keys.staffMobile(old.mobile())),
                        Keys.SK, AttributeValue.fromS(Keys.tenant(member.tenantId()))))));
    }

    @Override
    public boolean remove(String tenantId, String memberId) {
        Optional<StaffMember> member = find(tenantId, memberId);
        if (member.isEmpty()) {
            return false;
        }
        // the pointer first: from then on the number signs in here no more
        db.client().deleteItem(b -> b.tableName(db.tableName()).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.staffMobile(member.get().mobile())),
                Keys.SK, AttributeValue.fromS(Keys.tenant(tenantId)))));
        db.client().deleteItem(b -> b.tableName(db.tableName()).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)), Keys.SK, AttributeValue.fromS(Keys.staff(memberId)))));
        return true;
    }

    private static StaffMember member(Map<String, AttributeValue> item) {
        java.util.Set<StaffMember.Notice> notices = java.util.EnumSet.noneOf(StaffMember.Notice.class);
        AttributeValue list = item.get("notices");
        if (list != null) {
            list.l().forEach(n -> StaffMember.Notice.fromWire(n.s()).ifPresent(notices::add));
        }
        StaffMember.Role role = StaffMember.Role.fromWire(item.get("role").s()).orElse(StaffMember.Role.STAFF);
        return list == null
                ? new StaffMember(item.get("tenantId").s(), item.get("memberId").s(), item.get("name").s(), item.get("mobile").s(), role)
                : new StaffMember(item.get("tenantId").s(), item.get("memberId").s(), item.get("name").s(),
                item.get("mobile").s(), role, notices);
    }
}

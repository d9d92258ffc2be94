# A revocation is recorded by its document, or by a paper decision's number and date.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0002_award_movement'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='award',
            name='awards_award_revoked_with_decision_and_reason',
        ),
        migrations.AddField(
            model_name='award',
            name='revoked_number',
            field=models.CharField(blank=True, db_default='', default='', max_length=64, verbose_name='số quyết định hủy bỏ, thu hồi'),
        ),
        migrations.AddField(
            model_name='award',
            name='revoked_on',
            field=models.DateField(blank=True, null=True, verbose_name='ngày quyết định hủy bỏ, thu hồi'),
        ),
        migrations.AddConstraint(
            model_name='award',
            constraint=models.CheckConstraint(condition=models.Q(('revoked', False), models.Q(models.Q(('revoked_reason', ''), _negated=True), models.Q(('revoked_by_document__isnull', False), models.Q(models.Q(('revoked_number', ''), _negated=True), ('revoked_on__isnull', False)), _connector='OR')), _connector='OR'), name='awards_award_revoked_with_decision_and_reason'),
        ),
    ]

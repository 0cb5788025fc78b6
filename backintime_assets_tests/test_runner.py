from dagster._utils.error import SerializableErrorInfo

from backintime_assets.runner import _root_message


def test_a_failed_run_reports_what_the_asset_raised_on_one_line():
    raised = SerializableErrorInfo("ValueError: strategy 'sql' needs a name\n  to store its results under\n", [],
                                   "ValueError")
    wrapper = SerializableErrorInfo('DagsterExecutionStepExecutionError: Error occurred while executing op "x":\n',
                                    [], "DagsterExecutionStepExecutionError", cause=raised)
    assert _root_message(wrapper) == "ValueError: strategy 'sql' needs a name to store its results under"
    assert _root_message(raised) == _root_message(wrapper)
